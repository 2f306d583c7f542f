/**
 * A small Java client for Gantry's REST API ({@code /api/v1}), over the JDK's HTTP client.
 * Answers come back as the server's JSON; refusals as {@link org.gantry.api.client.GantryClientException}
 * carrying the RFC 9457 problem. The {@code gantry} CLI's client commands are built on it.
 */
package org.gantry.api.client;
