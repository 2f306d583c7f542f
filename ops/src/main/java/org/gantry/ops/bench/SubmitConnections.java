package org.gantry.ops.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One tenant's keep-alive connections for submitting, kept from one phase to the next: a phase
 * pays for opening none (they open during the warm-up), as a long-lived client's pool would not.
 */
final class SubmitConnections implements AutoCloseable {
    private final BlockingQueue<KeepAliveConnection> idle;
    private final List<KeepAliveConnection> all = new ArrayList<>();

    SubmitConnections(URI base, String token, String jobJson, int count) {
        byte[] request = KeepAliveConnection.post(base, "/api/v1/jobs", token, jobJson);
        idle = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            KeepAliveConnection connection = new KeepAliveConnection(base, request);
            all.add(connection);
            idle.add(connection);
        }
    }

    /** Opens every connection now, so that no submit pays for it. */
    void openAll() throws IOException {
        for (KeepAliveConnection connection : all) {
            connection.open();
        }
    }

    int size() {
        return all.size();
    }

    KeepAliveConnection take() throws InterruptedException {
        return idle.take();
    }

    void giveBack(KeepAliveConnection connection) {
        idle.add(connection);
    }

    @Override
    public void close() {
        all.forEach(KeepAliveConnection::close);
    }
}
