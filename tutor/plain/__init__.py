"""The plain line mode: practice on stdin/stdout for screen readers, pipes and scripts."""
