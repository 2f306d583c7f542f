/**
 * The client commands of {@code gantry} ({@code submit}, {@code jobs}, {@code logs}, {@code nodes},
 * {@code quota}…): thin picocli shells over {@link org.gantry.api.client.GantryClient}, one per
 * REST call, reading {@code GANTRY_URL} and {@code GANTRY_TOKEN}.
 */
package org.gantry.ops.cli.client;
