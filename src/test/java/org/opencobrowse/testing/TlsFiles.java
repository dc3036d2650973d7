package org.opencobrowse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA with a server certificate for 127.0.0.1 / localhost and a client certificate, as PEM files (PKCS#8
 * keys) made by the {@code openssl} command line, valid for two days: what an operator of a TLS Redis has.
 */
public record TlsFiles(Path dir, Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

    public static TlsFiles create() {
        try {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-");
            TlsFiles files = new TlsFiles(dir, dir.resolve("ca.pem"), dir.resolve("server.pem"),
                    dir.resolve("server.key"), dir.resolve("client.pem"), dir.resolve("client.key"));
            openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                    "-days", "2", "-subj", "/CN=Co-browse Test CA");
            files.sign("server", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                    + "extendedKeyUsage=serverAuth\n");
            files.sign("client", "/CN=cobrowse-node", "extendedKeyUsage=clientAuth\n");
            return files;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sign(String name, String subject, String extensions) throws IOException {
        Files.writeString(dir.resolve(name + ".ext"), extensions, StandardCharsets.US_ASCII);
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", subject);
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: "
                        + Files.readString(dir.resolve("openssl.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
