package org.gantry.agent.isolation;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.gantry.api.tenant.TenantId;

/**
 * Which uid each tenant's jobs run as: the first free one of a {@link UidRange}, given at a
 * tenant's first job and kept in a small owner-only map file, so a tenant keeps its uid (and
 * the files its jobs left, its home) across agent restarts. The agents of {@code gantry up}
 * share one; agents in separate processes on one host need ranges of their own.
 *
 * <p>Synchronized: the agents of one process call it from their own actors.
 */
public final class JobUsers {
    private final Path file;
    private final UidRange range;
    private final Map<String, Integer> uids = new HashMap<>();

    private JobUsers(Path file, UidRange range) {
        this.file = file;
        this.range = range;
    }

    /** The map at {@code file} (made at the first allocation), giving out uids of {@code range}. */
    public static JobUsers load(Path file, UidRange range) throws IOException {
        JobUsers users = new JobUsers(file, range);
        if (Files.exists(file)) {
            Properties stored = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                stored.load(in);
            }
            stored.forEach((tenant, uid) -> users.uids.put((String) tenant, Integer.valueOf((String) uid)));
        }
        return users;
    }

    /** The identity of {@code tenant}'s jobs; null names the jobs of no tenant. */
    public synchronized JobUser of(TenantId tenant) throws IOException {
        String key = tenant == null ? "" : tenant.value();
        Integer uid = uids.get(key);
        if (uid == null) {
            uid = free();
            uids.put(key, uid);
            save();
        }
        return new JobUser(uid, uid);
    }

    public UidRange range() {
        return range;
    }

    private int free() throws IOException {
        Set<Integer> taken = new HashSet<>(uids.values());
        for (int uid = range.first(); uid <= range.last(); uid++) {
            if (!taken.contains(uid)) {
                return uid;
            }
        }
        throw new IOException("all " + range.size() + " job uids of " + range + " are taken by tenants: give the "
                + "agent a larger --job-uids range");
    }

    private void save() throws IOException {
        Properties stored = new Properties();
        new TreeMap<>(uids).forEach((tenant, uid) -> stored.setProperty(tenant, Integer.toString(uid)));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(temp)) {
            stored.store(out, "tenant=uid of its jobs on this node (gantry agent)");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
