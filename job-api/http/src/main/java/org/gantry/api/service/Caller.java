package org.gantry.api.service;

import java.util.Objects;
import org.gantry.api.tenant.TenantId;

/** Who makes a request, as their bearer token says: the admin, or one tenant (maybe only to read). */
public sealed interface Caller {

    /** Whether this caller may see and change the jobs of {@code tenant}. */
    boolean mayActFor(TenantId tenant);

    /** Whether this caller may change anything at all; a read-only token may only read. */
    default boolean mayChange() {
        return true;
    }

    record Admin() implements Caller {
        @Override
        public boolean mayActFor(TenantId tenant) {
            return true;
        }
    }

    /** @param readOnly a token of {@link org.gantry.api.tenant.TokenRole#READER}: it reads what the tenant may read and changes nothing */
    record Tenant(TenantId tenant, boolean readOnly) implements Caller {
        public Tenant {
            Objects.requireNonNull(tenant, "tenant");
        }

        /** A tenant's token that may do all the tenant may. */
        public Tenant(TenantId tenant) {
            this(tenant, false);
        }

        @Override
        public boolean mayActFor(TenantId other) {
            return tenant.equals(other);
        }

        @Override
        public boolean mayChange() {
            return !readOnly;
        }
    }
}
