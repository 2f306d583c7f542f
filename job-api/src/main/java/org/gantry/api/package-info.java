/**
 * Gantry's contracts: the records every other module speaks in (jobs, tenants, pools, nodes),
 * their validation, and their JSON form. The JSON shapes of a job and a tenant are fixed by
 * the design's "Interfaces that stay stable": scripts and users depend on them.
 *
 * <p>This module depends on nothing internal. The REST routes, the service interfaces they are
 * written against, and the control-plane ↔ agent protocol messages join it in later issues.
 */
package org.gantry.api;
