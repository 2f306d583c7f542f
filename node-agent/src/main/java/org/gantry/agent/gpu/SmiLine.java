package org.gantry.agent.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gantry.api.cluster.GpuDevice;

/**
 * One line of {@code nvidia-smi --query-gpu=index,uuid,name,memory.total,memory.used,
 * utilization.gpu,temperature.gpu --format=csv,noheader,nounits}, read into a {@link GpuDevice}.
 *
 * <p>{@code [N/A]} and {@code [Not Supported]} mean the GPU does not report that value (a
 * consumer card's utilization, say): the value is unknown and the GPU still healthy. Any other
 * bracketed value ({@code [GPU requires reset]}, {@code [Unknown Error]}), {@code ERR!} or a
 * number that is not one is the GPU reporting trouble: it is read, and marked unhealthy with
 * the fields that said so. A line whose index cannot be read cannot be told apart from another
 * GPU's, so it is no GPU at all: {@link #parse} answers null.
 */
final class SmiLine {
    /** The fields, in the query's order. */
    static final List<String> FIELDS = List.of("index", "uuid", "name", "memory.total", "memory.used",
            "utilization.gpu", "temperature.gpu");
    static final String QUERY = "--query-gpu=" + String.join(",", FIELDS);
    static final String FORMAT = "--format=csv,noheader,nounits";
    private static final String UNNAMED = "unknown GPU";

    private final String[] values;
    private final List<String> troubles = new ArrayList<>();

    private SmiLine(String[] values) {
        this.values = values;
    }

    /** The GPU on {@code line}, or null when the line is not one (a message, a blank, a garbled row). */
    static GpuDevice parse(String line) {
        String[] values = line.split(",", -1);
        if (values.length != FIELDS.size()) {
            return null;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i].strip();
        }
        Integer index = plainInt(values[0]);
        if (index == null || index < 0) {
            return null;
        }
        return new SmiLine(values).device(index);
    }

    private GpuDevice device(int index) {
        String uuid = text(1);
        String name = text(2);
        Long total = number(3);
        Long used = number(4);
        Long utilization = number(5);
        Long temperature = number(6);
        String reason = troubles.isEmpty() ? null : "nvidia-smi reports " + String.join(", ", troubles);
        return new GpuDevice(index, name == null ? UNNAMED : name, total == null ? 0 : total, troubles.isEmpty(),
                uuid, used, utilization == null ? null : utilization.intValue(),
                temperature == null ? null : temperature.intValue(), reason);
    }

    private String text(int field) {
        String value = values[field];
        return unknown(value) || trouble(field, value) ? null : value;
    }

    private Long number(int field) {
        String value = values[field];
        if (unknown(value) || trouble(field, value)) {
            return null;
        }
        try {
            // Some drivers print a unit or a fraction even with nounits; the integer part is what counts.
            String digits = value.split("[ .]", 2)[0];
            long number = Long.parseLong(digits);
            if (number < 0) {
                throw new NumberFormatException("negative");
            }
            return number;
        } catch (NumberFormatException e) {
            troubles.add(FIELDS.get(field) + " '" + value + "' (not a number)");
            return null;
        }
    }

    /** Whether the GPU simply does not report this value. */
    private static boolean unknown(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return value.isEmpty() || lower.equals("[n/a]") || lower.equals("n/a") || lower.equals("[not supported]");
    }

    /** Whether the value is the GPU reporting trouble; noted if so. */
    private boolean trouble(int field, String value) {
        if (value.startsWith("[") || value.toUpperCase(Locale.ROOT).startsWith("ERR")) {
            troubles.add(FIELDS.get(field) + " " + value);
            return true;
        }
        return false;
    }

    private static Integer plainInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
