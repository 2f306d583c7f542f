/**
 * Numeric CSV datasets, read and validated line by line: the control plane refuses a bad upload
 * while it streams it to the store, and the trainer loads the same format with the same rules,
 * so a file accepted at upload never fails later for a reason the upload could have named.
 *
 * <p>The format: UTF-8 text, comma separated, a header of distinct non-blank column names, then
 * rows with one cell per column. Cells are decimal numbers; an empty cell, {@code NA} or
 * {@code NaN} is a missing value. Cells may be quoted ({@code "1.5"}, {@code "a ""b"""}), but a
 * quoted value never spans lines. Blank lines are skipped.
 */
package org.gantry.api.dataset;
