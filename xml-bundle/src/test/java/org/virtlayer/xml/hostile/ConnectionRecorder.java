package org.virtlayer.xml.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/** A server socket on 127.0.0.1 that counts every connection made to it: proof that a parser fetched nothing. */
final class ConnectionRecorder implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    ConnectionRecorder() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "connection-recorder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                connections.incrementAndGet();
            }
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + "/" + path;
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
