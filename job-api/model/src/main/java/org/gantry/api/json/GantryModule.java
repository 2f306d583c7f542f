package org.gantry.api.json;

import com.fasterxml.jackson.databind.module.SimpleModule;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobSpec;
import org.gantry.api.tenant.TenantSpec;

/**
 * The codecs the records cannot carry as annotations, because they live in this package:
 * {@code gpus} as number-or-range, and binding of specs through their validating readers.
 * Register it in any other {@code ObjectMapper} that handles Gantry records (Pekko's
 * serialization-jackson, for one) so every mapper agrees on the contract.
 */
public final class GantryModule extends SimpleModule {
    public GantryModule() {
        super("gantry");
        addSerializer(GpuRequest.class, new GpuRequestSerializer());
        addDeserializer(GpuRequest.class, new ValidatingDeserializer<>(GpuRequest.class, GpuRequestReader::read));
        addDeserializer(JobSpec.class, new ValidatingDeserializer<>(JobSpec.class, JobSpecReader::read));
        addDeserializer(TenantSpec.class, new ValidatingDeserializer<>(TenantSpec.class, TenantSpecReader::read));
    }
}
