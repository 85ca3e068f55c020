package org.virtlayer.driver.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.core.internal.calls.Operation;
import org.virtlayer.remote.protocol.RemoteMethod;
import org.virtlayer.remote.protocol.SessionInfo;
import org.virtlayer.remote.protocol.WireJson;

/**
 * A read-only client is refused every operation the core's operation table marks as changing the node or revealing
 * secrets, and allowed every other: the test walks that table, not a list of its own, and also checks that every
 * operation of the API has a remote call.
 */
class ReadOnlyRoleTest {
    /** Operations about the connection itself, which the session serves rather than a call. */
    private static final Set<Operation> SESSION_LEVEL = EnumSet.of(Operation.CONNECT_OPEN, Operation.CONNECT_CLOSE,
            Operation.CONNECT_EVENT_REGISTER);

    @TempDir
    static Path dir;
    static RemoteNode node;
    static HttpsClient reader;
    static String session;
    /** A node with a volume in a pool, so that volume calls reach their access check. */
    static String nodeUri;

    @BeforeAll
    static void serve() throws Exception {
        node = new RemoteNode(dir);
        reader = new HttpsClient("127.0.0.1", node.port(), ClientTls.load(node.readOnlyPki), 5000, 30000);
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("shared/corpus/libvirt-9.0.0"))) {
            p = p.getParent();
        }
        nodeUri = "test://" + p.resolve("shared/corpus/libvirt-9.0.0/testdriver-examples/testnodeinline.xml");
        // the client asks for read-write; its role makes the session read-only anyway
        HttpsClient.Reply r = reader.exchange("POST", "/v1/open",
                ("{\"uri\":\"" + nodeUri + "\",\"readOnly\":false}").getBytes());
        assertThat(r.status()).isEqualTo(200);
        SessionInfo s = WireJson.read(r.body(), SessionInfo.class);
        assertThat(s.readOnly()).as("a read-only client gets a read-only session").isTrue();
        session = s.session();
    }

    @AfterAll
    static void stop() {
        reader.close();
        node.close();
    }

    /** Arguments that fit every call: each call reads the ones it needs. They name objects of testnodeinline.xml. */
    private static ObjectNode args() {
        ObjectNode a = WireJson.mapper().createObjectNode();
        ObjectNode dom = a.putObject("domain");
        dom.put("name", "fv0").put("uuid", "4dea22b3-1d52-d8f3-2516-782e98ab3fa0").put("id", 1);
        ObjectNode net = a.putObject("network");
        JsonNode defaultNet = result(call(RemoteMethod.NETWORK_LOOKUP_BY_NAME, "{\"name\":\"default\"}"));
        net.setAll((ObjectNode) defaultNet);
        a.putObject("pool").put("name", "default-pool");
        a.putObject("volume").put("pool", "default-pool").put("name", "default-vol");
        a.putObject("source").put("pool", "default-pool").put("name", "default-vol");
        a.put("xml", "<domain type='test'><name>x</name><memory>1024</memory><os><type>hvm</type></os></domain>");
        a.put("name", "fv0").put("uuid", "4dea22b3-1d52-d8f3-2516-782e98ab3fa0").put("id", 1);
        a.put("path", "/tmp/virtlayer-ro-test").put("key", "/default-pool/default-vol");
        a.put("kib", 1024).put("count", 1).put("autostart", true).put("capacity", 1024).put("parentIndex", -1);
        a.put("type", "TITLE").put("value", "v").put("command", "ADD_LAST").put("section", "IP_DHCP_HOST");
        return a;
    }

    private static HttpsClient.Reply call(RemoteMethod m, String body) {
        try {
            return reader.exchange("POST", "/v1/sessions/" + session + "/" + m.wireName(), body.getBytes());
        } catch (java.io.IOException e) {
            throw new AssertionError(m + ": " + e, e);
        }
    }

    private static JsonNode result(HttpsClient.Reply r) {
        assertThat(r.status()).as(new String(r.body())).isEqualTo(200);
        return WireJson.read(r.body(), JsonNode.class).get("result");
    }

    private static HttpsClient.Reply invoke(RemoteMethod m, ObjectNode args) throws Exception {
        String base = "/v1/sessions/" + session + "/" + m.wireName();
        if (m == RemoteMethod.VOLUME_UPLOAD) {
            // 64 MiB offered: the refusal must come before any of it travels
            long[] sent = new long[1];
            HttpsClient.Reply r = reader.upload(base + "?pool=default-pool&name=default-vol", out -> {
                byte[] mib = new byte[1 << 20];
                for (int i = 0; i < 64; i++) {
                    out.write(mib);
                    sent[0] += mib.length;
                }
            });
            assertThat(sent[0]).as("content sent for a refused upload").isZero();
            return r;
        }
        if (m == RemoteMethod.VOLUME_DOWNLOAD) {
            try (HttpsClient.Streamed st = reader.stream("GET", base + "?pool=default-pool&name=default-vol", 5000)) {
                return new HttpsClient.Reply(st.status(), st.body(1 << 20).readAllBytes());
            }
        }
        return reader.exchange("POST", base, WireJson.write(args));
    }

    private static String code(HttpsClient.Reply r) {
        return r.status() == 200 ? "OK" : WireJson.read(r.body(), JsonNode.class).path("error").path("code").asText();
    }

    @Test
    void everyOperationOfTheApiHasARemoteCall() {
        List<Operation> missing = new ArrayList<>();
        for (Operation op : Operation.values()) {
            // DRIVER operations (network ports) are between a node's drivers and its backends, not part of the API
            if (!SESSION_LEVEL.contains(op) && op.access() != Operation.Access.DRIVER && methodsFor(op).isEmpty()) {
                missing.add(op);
            }
        }
        assertThat(missing).as("operations of the core's table that no remote call performs").isEmpty();
    }

    private static List<RemoteMethod> methodsFor(Operation op) {
        return EnumSet.allOf(RemoteMethod.class).stream().filter(m -> m.apiNames().contains(op.apiName())).toList();
    }

    @Test
    void mutatingAndSensitiveOperationsAreDeniedAndQueriesAllowed() throws Exception {
        List<String> wrong = new ArrayList<>();
        int denied = 0;
        int allowed = 0;
        for (Operation op : Operation.values()) {
            if (SESSION_LEVEL.contains(op)) {
                continue;
            }
            for (RemoteMethod m : methodsFor(op)) {
                ObjectNode a = args();
                if (op == Operation.DOMAIN_GET_XML_DESC_SECURE) {
                    a.putArray("flags").add("SECURE");
                }
                boolean readOnlyMayCall = op.allowedReadOnly();
                String got = code(invoke(m, a));
                if (readOnlyMayCall) {
                    allowed++;
                    if (got.equals("OPERATION_DENIED")) {
                        wrong.add(op + " via " + m.wireName() + " was denied but is a query");
                    }
                } else {
                    denied++;
                    if (!got.equals("OPERATION_DENIED")) {
                        wrong.add(op + " via " + m.wireName() + " answered " + got + " instead of OPERATION_DENIED");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(denied).as("mutating or sensitive calls checked").isGreaterThan(40);
        assertThat(allowed).as("queries checked").isGreaterThan(30);
        // and the node is as it was: nothing was changed by the refused calls
        assertThat(result(call(RemoteMethod.DOMAIN_LIST, "{}"))).hasSize(3);
    }

    @Test
    void theReadOnlyClientThroughTheApiGetsTheCoresMessage() {
        // the read-only certificate comes from the URI's pkipath; the client opens read-write
        try (var c = node.clientFactory.open(node.uri(node.readOnlyPki))) {
            assertThat(c.isReadOnly()).isFalse();
            var d = c.lookupDomainByName("test");
            assertThat(d.info()).isNotNull();
            org.assertj.core.api.Assertions.assertThatThrownBy(d::destroy)
                    .isInstanceOfSatisfying(org.virtlayer.api.VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(org.virtlayer.api.ErrorCode.OPERATION_DENIED);
                        assertThat(e.getMessage()).contains("read only access prevents virDomainDestroy");
                    });
        }
    }
}
