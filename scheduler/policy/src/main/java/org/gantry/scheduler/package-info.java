/**
 * Scheduling: {@code policy} (pure scheduling decisions, here now); the control-plane actors
 * ({@code control}) and the trace simulator ({@code sim}), in modules of their own, run the
 * same policy code.
 */
package org.gantry.scheduler;
