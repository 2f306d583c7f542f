package org.gantry.ops.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server side of HTTPS: a PKCS12 keystore holding the server's key and certificate chain.
 * Its password comes from the environment, never from the command line (where {@code ps} shows it).
 */
public record TlsKeystore(Path file, char[] password) {
    /** Where {@code --tls-keystore}'s password is read from. */
    public static final String PASSWORD_ENV = "GANTRY_TLS_KEYSTORE_PASSWORD";

    /** The keystore at {@code file}, its password from {@value #PASSWORD_ENV} (empty when unset). */
    public static TlsKeystore fromEnvironment(Path file) {
        String password = System.getenv(PASSWORD_ENV);
        return new TlsKeystore(file, password == null ? new char[0] : password.toCharArray());
    }

    /** An SSL context serving this keystore's key; a clear message when the file or password is wrong. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("--tls-keystore " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalStateException("--tls-keystore " + file + " cannot be read as PKCS12 with the password in "
                    + PASSWORD_ENV + " (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("--tls-keystore " + file + " holds no usable key: " + e.getMessage());
        }
    }
}
