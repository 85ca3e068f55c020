package org.virtlayer.remote.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.remote.protocol.Args;
import org.virtlayer.remote.protocol.RemoteMethod;
import org.virtlayer.remote.protocol.http.HttpHead;
import org.virtlayer.remote.protocol.http.HttpProtocolException;
import org.virtlayer.remote.server.Role;

/**
 * Hostile request bodies and heads: random bytes, mutated valid requests, deep nesting, huge numbers, long strings,
 * oversized arrays, wrong types. Each must end in the typed error (never another exception, never INTERNAL_ERROR),
 * in bounded time, and the node must answer normally afterwards.
 */
class RequestFuzzTest {
    private static final long SEED = 20261125L;
    private static final int ROUNDS = 6000;

    @TempDir
    Path dir;

    private static final String[] VALID = {
        "{\"name\":\"test\"}",
        "{\"domain\":{\"name\":\"test\",\"uuid\":\"6695eb01-f6a4-8304-79aa-97f2502e193f\",\"id\":1}}",
        "{\"domain\":{\"name\":\"test\",\"uuid\":\"6695eb01-f6a4-8304-79aa-97f2502e193f\"},\"flags\":[\"INACTIVE\"]}",
        "{\"flags\":[\"ACTIVE\",\"PERSISTENT\"]}",
        "{\"xml\":\"<domain type='test'><name>f</name><memory>1024</memory><os><type>hvm</type></os></domain>\"}",
        "{\"pool\":{\"name\":\"default-pool\"},\"name\":\"v\"}",
        "{\"network\":{\"name\":\"default\",\"uuid\":\"dd8fe884-6c02-601e-7551-cca97df1c5df\"},\"inactive\":true}",
        "{\"domains\":[{\"name\":\"test\",\"uuid\":\"6695eb01-f6a4-8304-79aa-97f2502e193f\"}],\"groups\":[\"STATE\"]}",
        "{\"id\":1}", "{\"uuid\":\"6695eb01-f6a4-8304-79aa-97f2502e193f\"}", "{\"capability\":\"net\"}", "{}"
    };

    private static byte[] body(Random r) {
        switch (r.nextInt(8)) {
            case 0: {
                byte[] b = new byte[r.nextInt(512)];
                r.nextBytes(b);
                return b;
            }
            case 1: {
                byte[] b = VALID[r.nextInt(VALID.length)].getBytes(StandardCharsets.UTF_8);
                for (int i = 0, n = 1 + r.nextInt(4); i < n && b.length > 0; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return b;
            }
            case 2: {
                String v = VALID[r.nextInt(VALID.length)];
                return v.substring(0, r.nextInt(v.length() + 1)).getBytes(StandardCharsets.UTF_8);
            }
            case 3: {
                int depth = 1 + r.nextInt(200);
                return ("[".repeat(depth) + "]".repeat(r.nextBoolean() ? depth : depth / 2))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 4:
                return ("{\"id\":" + "9".repeat(1 + r.nextInt(5000)) + ",\"kib\":-" + "1".repeat(r.nextInt(100))
                        + ",\"count\":1e999}").getBytes(StandardCharsets.UTF_8);
            case 5: {
                StringBuilder sb = new StringBuilder("{\"flags\":[");
                for (int i = 0, n = r.nextInt(20_000); i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append("\"ACTIVE\"");
                }
                sb.append("],\"domains\":[");
                for (int i = 0, n = r.nextInt(12_000); i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append("{\"name\":\"x\",\"uuid\":\"not-a-uuid\"}");
                }
                return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            }
            case 6: {
                String[] keys = {"name", "uuid", "id", "domain", "flags", "xml", "pool", "volume", "network", "kib",
                    "type", "impact", "modes", "capacity", "source", "path", "autostart", "command", "section"};
                String[] values = {"null", "true", "1", "-1", "1.5", "\"\"", "\"x\"", "[]", "{}", "[1,2]",
                    "{\"name\":1}", "\"\\u0000\"", "\"" + "a".repeat(100_000) + "\""};
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append('"').append(keys[r.nextInt(keys.length)]).append("\":")
                            .append(values[r.nextInt(values.length)]);
                }
                return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
            }
            default:
                return ("{\"a\":\"" + "\\ud800".repeat(r.nextInt(100)) + "\"} trailing").getBytes(
                        StandardCharsets.UTF_8);
        }
    }

    @Test
    void hostileBodiesEndInTheTypedErrorAndLeaveTheNodeWell() throws Exception {
        try (ServedNode node = new ServedNode(dir)) {
            Sessions sessions = new Sessions(node.factory, ServerSettings.defaults(0, dir));
            ClientIdentity admin = new ClientIdentity("f", "fuzzer", Role.ADMIN);
            Session s = sessions.open(admin, "test:///default", false);
            CallTable table = new CallTable();
            RemoteMethod[] methods = java.util.Arrays.stream(RemoteMethod.values()).filter(m -> !m.isStream())
                    .toArray(RemoteMethod[]::new);
            Random r = new Random(SEED);
            List<String> wrong = new ArrayList<>();
            int[] typed = new int[1];
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (int i = 0; i < ROUNDS; i++) {
                    byte[] b = body(r);
                    RemoteMethod m = methods[r.nextInt(methods.length)];
                    try {
                        table.call(m, s, Args.parse(b));
                    } catch (VirtException e) {
                        typed[0]++;
                        if (e.code() == ErrorCode.INTERNAL_ERROR) {
                            wrong.add(m.wireName() + ": INTERNAL_ERROR " + e.getMessage());
                        }
                    } catch (RuntimeException | Error e) {
                        wrong.add(m.wireName() + " <- " + new String(b, 0, Math.min(b.length, 80),
                                StandardCharsets.ISO_8859_1) + ": " + e);
                    }
                }
            });
            assertThat(wrong).as("exceptions other than the typed error").isEmpty();
            assertThat(typed[0]).as("most hostile bodies were refused").isGreaterThan(ROUNDS / 2);
            // the node is unharmed: the fuzzed session and a new one both answer
            assertThat(s.connection().hostname()).isNotEmpty();
            assertThat(sessions.open(admin, "test:///default", false).connection().listDomains())
                    .extracting(d -> d.name()).containsExactly("test");
            sessions.closeAll();
        }
    }

    @Test
    void hostileHeadsEndInTheTypedHttpError() {
        Random r = new Random(SEED);
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 3000; i++) {
                byte[] b;
                switch (r.nextInt(4)) {
                    case 0 -> {
                        b = new byte[r.nextInt(20_000)];
                        r.nextBytes(b);
                    }
                    case 1 -> b = ("GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(r.nextInt(200)) + "\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1);
                    case 2 -> b = ("POST /v1/open HTTP/1.1\r\nContent-Length: " + r.nextLong()
                            + "\r\nContent-Length: 1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                    default -> b = ("PUT /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + Long.toHexString(r.nextLong()) + "\r\n" + "z".repeat(r.nextInt(100)))
                            .getBytes(StandardCharsets.ISO_8859_1);
                }
                try {
                    HttpHead h = HttpHead.read(new ByteArrayInputStream(b));
                    if (h != null) {
                        try (var body = h.body(new ByteArrayInputStream(b), 1 << 20)) {
                            body.readAllBytes();
                        }
                    }
                } catch (HttpProtocolException e) {
                    assertThat(e.status()).isBetween(400, 599);
                } catch (IOException e) {
                    throw new AssertionError("an untyped I/O error: " + e, e);
                }
            }
        });
    }
}
