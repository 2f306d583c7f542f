package org.gantry.ops.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection that sends the same request again and again, one at a time, and reads
 * each answer's status and whether it said {@code Retry-After}; it connects again when the server
 * closed it. A load generator on the server's own cores must cost little per request: this is a
 * write and a read or two, where the JDK client takes futures and thread hops (about 0.6 ms of
 * CPU a request on the project's 2-core machine).
 */
final class KeepAliveConnection implements AutoCloseable {
    private static final int TIMEOUT_MS = 30_000;

    /** Most of a refusal's body kept (its problem detail); longer ones are cut. */
    private static final int REFUSAL_KEPT = 8192;

    /**
     * What came back: the status, whether a {@code Retry-After} header came with it, and a
     * refusal's body (status 400 and up, not chunked; null otherwise: an accepted answer is skipped).
     */
    record Answer(int status, boolean retryAfter, String refusal) {}

    private final URI server;
    private final byte[] request;
    private final byte[] buffer = new byte[8192];
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean closeAfter;
    /** Whether a byte of the answer to the request in flight came. */
    private boolean answering;

    /** {@code request} is the whole request, head and body, sent as it is. */
    KeepAliveConnection(URI server, byte[] request) {
        this.server = server;
        this.request = request;
    }

    /** The bytes of a POST of {@code json} to {@code path} with a bearer token, kept open. */
    static byte[] post(URI server, String path, String token, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + server.getHost() + ":" + port(server)
                + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /**
     * Sends the request and reads its answer; a failure closes the connection, the next call opens
     * one. A kept connection that fails before a byte of the answer came (the server closed it
     * while it sat idle) is opened again and the request sent once more.
     */
    Answer send() throws IOException {
        boolean kept = socket != null;
        try {
            return exchange();
        } catch (NoAnswer e) {
            if (!kept) {
                throw (IOException) e.getCause();
            }
            return exchange();
        }
    }

    private Answer exchange() throws IOException {
        answering = false;
        try {
            open();
            out.write(request); // in one write: the server gets head and body together
            out.flush();
            Answer answer = readAnswer();
            if (closeAfter) {
                close();
            }
            return answer;
        } catch (IOException e) {
            close();
            throw answering ? e : new NoAnswer(e);
        }
    }

    /** Failed before a byte of the answer came. */
    private static final class NoAnswer extends IOException {
        NoAnswer(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Connects now, unless it is connected. */
    void open() throws IOException {
        if (socket == null) {
            connect();
        }
    }

    private void connect() throws IOException {
        Socket opened = "https".equals(server.getScheme()) ? SSLSocketFactory.getDefault().createSocket()
                : new Socket();
        opened.setTcpNoDelay(true);
        opened.setSoTimeout(TIMEOUT_MS);
        opened.connect(new InetSocketAddress(server.getHost(), port(server)), TIMEOUT_MS);
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream(), buffer.length);
        out = opened.getOutputStream();
    }

    private Answer readAnswer() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("the server closed the connection without an answer");
        }
        answering = true;
        String statusLine = (char) first + line();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        boolean retryAfter = false;
        closeAfter = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String name = header.substring(0, Math.max(0, header.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(header.indexOf(':') + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "retry-after" -> retryAfter = true;
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        if (chunked) {
            for (long chunk = chunkSize(); chunk > 0; chunk = chunkSize()) {
                skip(chunk + 2); // the chunk and its CRLF
            }
            while (!line().isEmpty()) { // trailers
            }
        } else if (status >= 400) {
            return new Answer(status, retryAfter, keep(length));
        } else {
            skip(length);
        }
        return new Answer(status, retryAfter, null);
    }

    private long chunkSize() throws IOException {
        String size = line();
        int extension = size.indexOf(';');
        return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
    }

    /** Reads a body of {@code bytes}, keeping its first {@value #REFUSAL_KEPT} as text. */
    private String keep(long bytes) throws IOException {
        byte[] kept = in.readNBytes((int) Math.min(bytes, REFUSAL_KEPT));
        if (kept.length < Math.min(bytes, REFUSAL_KEPT)) {
            throw new EOFException("the server closed the connection within an answer");
        }
        skip(bytes - kept.length);
        return new String(kept, StandardCharsets.UTF_8);
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("the server closed the connection within an answer");
            }
            left -= read;
        }
    }

    /** One line of the head, without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection without an answer");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static int port(URI server) {
        return server.getPort() > 0 ? server.getPort() : "https".equals(server.getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to do
            }
            socket = null;
        }
    }
}
