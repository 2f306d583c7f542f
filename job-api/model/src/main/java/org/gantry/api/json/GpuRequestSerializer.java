package org.gantry.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.gantry.api.job.GpuRequest;

/** Writes {@code gpus} as the contract has it: {@code 4} when fixed, {@code {"min": 2, "max": 8}} when elastic. */
final class GpuRequestSerializer extends StdSerializer<GpuRequest> {
    GpuRequestSerializer() {
        super(GpuRequest.class);
    }

    @Override
    public void serialize(GpuRequest gpus, JsonGenerator out, SerializerProvider provider) throws IOException {
        if (!gpus.isElastic()) {
            out.writeNumber(gpus.min());
            return;
        }
        out.writeStartObject();
        out.writeNumberField("min", gpus.min());
        out.writeNumberField("max", gpus.max());
        out.writeEndObject();
    }
}
