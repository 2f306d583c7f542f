/**
 * Scheduling: {@code policy} (pure scheduling decisions, here now); the control-plane actors
 * ({@code control}) and the trace simulator ({@code sim}) come with later issues and run the
 * same policy code.
 */
package org.gantry.scheduler;
