package org.gantry.api.client;

import java.util.List;
import org.gantry.api.validation.Violation;

/**
 * The server refused a request (an RFC 9457 problem: status, title, detail and, for invalid
 * requests, each violation), or could not be reached at all ({@link #status()} 0).
 * {@link #getMessage()} is the one line to show a user: {@code title: detail}.
 */
public final class GantryClientException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final List<Violation> errors;

    public GantryClientException(int status, String type, String title, String detail, List<Violation> errors) {
        super(detail == null || detail.isBlank() ? title : title + ": " + detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** No answer came back: nothing listens at {@code url}, or the connection failed. */
    static GantryClientException unreachable(String url, Throwable cause) {
        if (untrusted(cause)) {
            GantryClientException e = new GantryClientException(0, null, "cannot reach Gantry at " + url,
                    "its TLS certificate is not one this client trusts; pass --cacert FILE (or set GANTRY_CACERT) "
                            + "with the certificate of the authority that signed it", List.of());
            e.initCause(cause);
            return e;
        }
        String why = cause.getMessage() == null || cause.getMessage().isBlank()
                ? "is it running? set GANTRY_URL"
                : "is it running? set GANTRY_URL (" + cause.getMessage() + ")";
        GantryClientException e = new GantryClientException(0, null, "cannot reach Gantry at " + url, why, List.of());
        e.initCause(cause);
        return e;
    }

    /** A TLS handshake that failed on the server's certificate, anywhere in the cause chain. */
    private static boolean untrusted(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException
                    || t instanceof java.security.cert.CertificateException) {
                return true;
            }
        }
        return false;
    }

    /** The HTTP status, or 0 when no answer came back. */
    public int status() {
        return status;
    }

    /** Whether the server never answered (as opposed to refusing). */
    public boolean unreachable() {
        return status == 0;
    }

    /** The problem's {@code type} URI, such as {@code urn:gantry:problem:invalid-request}; null if none. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** May be null. */
    public String detail() {
        return detail;
    }

    /** Each violation of an invalid request, at its JSON path or parameter name; empty otherwise. */
    public List<Violation> errors() {
        return errors;
    }
}
