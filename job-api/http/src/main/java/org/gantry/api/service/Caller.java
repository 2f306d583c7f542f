package org.gantry.api.service;

import java.util.Objects;
import org.gantry.api.tenant.TenantId;

/** Who makes a request, as their bearer token says: the admin, or one tenant. */
public sealed interface Caller {

    /** Whether this caller may see and change the jobs of {@code tenant}. */
    boolean mayActFor(TenantId tenant);

    record Admin() implements Caller {
        @Override
        public boolean mayActFor(TenantId tenant) {
            return true;
        }
    }

    record Tenant(TenantId tenant) implements Caller {
        public Tenant {
            Objects.requireNonNull(tenant, "tenant");
        }

        @Override
        public boolean mayActFor(TenantId other) {
            return tenant.equals(other);
        }
    }
}
