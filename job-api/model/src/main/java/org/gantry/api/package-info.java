/**
 * Gantry's contracts: the records every other module speaks in (jobs, tenants, pools, nodes),
 * their validation, and their JSON form. The JSON shapes of a job and a tenant are fixed by
 * the design's "Interfaces that stay stable": scripts and users depend on them.
 *
 * <p>This module ({@code job-api/model}) depends on nothing internal and on no Pekko, so that
 * quota, the policy and the simulator can build on it; the build enforces that. The
 * control-plane ↔ agent protocol is in {@code job-api/protocol}; the REST routes, the service
 * interfaces they are written against and the client are in {@code job-api/http}.
 */
package org.gantry.api;
