//! Deterministic sample books (written by the sample task).
