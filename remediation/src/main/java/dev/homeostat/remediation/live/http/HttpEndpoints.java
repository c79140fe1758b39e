package dev.homeostat.remediation.live.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The engine's HTTP server: one {@link Endpoint} on one address, on Jetty.
 *
 * <p>Why Jetty and not the JDK's {@code HttpServer}: the JDK server reads a request's line and headers on a thread of
 * its executor, so each slow client holds a thread until a JVM-wide timeout ({@code sun.net.httpserver.maxReqTime})
 * ends it; 100 slow connections starve any bounded pool. Jetty parses requests as bytes arrive on its selector, so a
 * slow client holds a connection slot, not a thread; its connection idle timeout, header size limit and connection
 * limit are per server, not per JVM. What Jetty leaves to us, done here: a deadline for the first request head of a
 * connection, a per-client connection limit, a deadline for the whole body (read asynchronously, so no thread waits
 * on it), the 413 decided from {@code Content-Length} before reading (with the body drained first when it is not
 * huge, so a client that writes everything before reading still gets the answer), and a cap on concurrent handling.
 */
public final class HttpEndpoints implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpEndpoints.class.getName());

    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService timers;

    private HttpEndpoints(Server server, ServerConnector connector, ScheduledExecutorService timers) {
        this.server = server;
        this.connector = connector;
        this.timers = timers;
    }

    /** Binds {@code listen} and serves {@code endpoint}; {@code name} names the threads and log lines. */
    public static HttpEndpoints start(String name, InetSocketAddress listen, Endpoint endpoint, HttpLimits limits) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        var pool = new QueuedThreadPool(Math.max(8, limits.maxConcurrentRequests() + 4), 2);
        pool.setName("homeostat-" + name);
        pool.setDaemon(true);
        var server = new Server(pool);
        var config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);
        config.setRequestHeaderSize(limits.maxHeaderBytes());
        config.setIdleTimeout(limits.idleTimeout().toMillis());
        var connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(listen.getAddress() == null || listen.getAddress().isAnyLocalAddress() ? null : listen.getAddress().getHostAddress());
        connector.setPort(listen.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "homeostat-" + name + "-timers");
            t.setDaemon(true);
            return t;
        });
        var guard = new ClientGuard(limits, timers);
        connector.addEventListener(guard);
        server.setHandler(new Dispatch(endpoint, limits, timers, guard));
        try {
            server.start();
        } catch (IOException e) {
            timers.shutdownNow();
            throw e;
        } catch (Exception e) {
            timers.shutdownNow();
            throw new IOException(name + ": cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, "{0} listening on {1}:{2}", name, listen.getHostString(), String.valueOf(connector.getLocalPort()));
        return new HttpEndpoints(server, connector, timers);
    }

    public int port() { return connector.getLocalPort(); }

    @Override public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping the HTTP server failed", e);
        } finally {
            timers.shutdownNow();
        }
    }

    /**
     * Closes a connection that is one too many for its client, and one whose first request head is not complete
     * within the header timeout (a slowloris that drips header bytes just inside the idle timeout).
     */
    private static final class ClientGuard implements Connection.Listener {
        private final HttpLimits limits;
        private final ScheduledExecutorService timers;
        private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
        private final Map<Connection, Boolean> started = new ConcurrentHashMap<>();

        ClientGuard(HttpLimits limits, ScheduledExecutorService timers) {
            this.limits = limits;
            this.timers = timers;
        }

        @Override public void onOpened(Connection connection) {
            String client = client(connection.getEndPoint().getRemoteSocketAddress());
            int open = perClient.computeIfAbsent(client, k -> new AtomicInteger()).incrementAndGet();
            started.put(connection, Boolean.FALSE);
            if (open > limits.maxConnectionsPerClient()) {
                LOG.log(System.Logger.Level.WARNING, "closing a connection from {0}: {1} open, the limit per client is {2}",
                        client, String.valueOf(open), String.valueOf(limits.maxConnectionsPerClient()));
                connection.getEndPoint().close();
                return;
            }
            timers.schedule(() -> {
                if (Boolean.FALSE.equals(started.get(connection))) {
                    LOG.log(System.Logger.Level.WARNING, "closing a connection from {0}: no complete request head within {1} ms",
                            client, String.valueOf(limits.headerTimeout().toMillis()));
                    connection.getEndPoint().close();
                }
            }, limits.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override public void onClosed(Connection connection) {
            started.remove(connection);
            String client = client(connection.getEndPoint().getRemoteSocketAddress());
            perClient.computeIfPresent(client, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        }

        void headComplete(Connection connection) {
            started.replace(connection, Boolean.TRUE);
        }

        static String client(SocketAddress address) {
            return address instanceof InetSocketAddress a && a.getAddress() != null ? a.getAddress().getHostAddress() : String.valueOf(address);
        }
    }

    /** Calls the endpoint, reads bodies asynchronously under their deadline, and writes replies. */
    private static final class Dispatch extends Handler.Abstract {
        private final Endpoint endpoint;
        private final HttpLimits limits;
        private final ScheduledExecutorService timers;
        private final ClientGuard guard;
        private final Semaphore permits;

        Dispatch(Endpoint endpoint, HttpLimits limits, ScheduledExecutorService timers, ClientGuard guard) {
            this.endpoint = endpoint;
            this.limits = limits;
            this.timers = timers;
            this.guard = guard;
            this.permits = new Semaphore(limits.maxConcurrentRequests());
        }

        @Override public boolean handle(Request request, Response response, Callback callback) {
            guard.headComplete(request.getConnectionMetaData().getConnection());
            RequestHead head = head(request);
            Endpoint.Decision decision = call(() -> endpoint.head(head));
            switch (decision) {
                case Endpoint.Decision.Answer a -> send(response, callback, a.reply(), false);
                case Endpoint.Decision.ReadBody r -> readBody(request, response, callback, head, r);
            }
            return true;
        }

        private void readBody(Request request, Response response, Callback callback, RequestHead head, Endpoint.Decision.ReadBody r) {
            long declared = head.contentLength();
            if (declared > r.maxBytes()) {
                if (declared > limits.drainBytes()) {
                    send(response, callback, r.tooLarge(), true);
                    return;
                }
                // Read and drop the body first: a client that writes it all before reading would otherwise get a reset.
                var drained = new CompletableFuture<Void>();
                Content.Source.consumeAll(request, Callback.from(() -> drained.complete(null), drained::completeExceptionally));
                drained.orTimeout(limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((v, failure) -> send(response, callback, r.tooLarge(), true));
                return;
            }
            // Chunked bodies have no length: read one byte more than the limit to know it was exceeded.
            CompletableFuture<byte[]> body = Content.Source.asByteArrayAsync(request, r.maxBytes() + 1);
            body.orTimeout(limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((bytes, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : failure;
                    boolean tooLarge = cause instanceof IllegalArgumentException || String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("too large");
                    if (tooLarge) send(response, callback, r.tooLarge(), true);
                    else if (cause instanceof TimeoutException) {
                        send(response, callback, Reply.error(408, "the body did not arrive within " + limits.bodyTimeout().toMillis()
                                + " ms (declared " + declared + " bytes)"), true);
                    } else callback.failed(cause);
                    return;
                }
                if (bytes.length > r.maxBytes()) {
                    send(response, callback, r.tooLarge(), true);
                    return;
                }
                send(response, callback, call(() -> new Endpoint.Decision.Answer(endpoint.body(head, bytes))) instanceof Endpoint.Decision.Answer a
                        ? a.reply() : Reply.error(500, "no answer"), false);
            });
        }

        /** Runs endpoint code under the concurrency cap; 503 + Retry-After when it is full, 500 when it throws. */
        private Endpoint.Decision call(java.util.function.Supplier<Endpoint.Decision> work) {
            if (!permits.tryAcquire()) {
                return new Endpoint.Decision.Answer(Reply.error(503, "busy: " + limits.maxConcurrentRequests() + " requests in progress; retry")
                        .with("Retry-After", "1"));
            }
            try {
                return work.get();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "endpoint failed", e);
                return new Endpoint.Decision.Answer(Reply.error(500, "internal error; see the engine's log"));
            } finally {
                permits.release();
            }
        }

        private static RequestHead head(Request request) {
            var headers = new TreeMap<String, String>();
            for (HttpField f : request.getHeaders()) headers.putIfAbsent(f.getLowerCaseName(), f.getValue());
            String client = ClientGuard.client(request.getConnectionMetaData().getRemoteSocketAddress());
            return new RequestHead(request.getMethod(), request.getHttpURI().getPath(), headers, client, request.getLength());
        }

        private static void send(Response response, Callback callback, Reply reply, boolean close) {
            byte[] body = reply.body();
            response.setStatus(reply.code());
            reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            if (close) response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** For logs. */
    @Override public String toString() { return "HttpEndpoints[" + connector.getHost() + ":" + port() + "]"; }

    /** The idle timeout actually in force (tests). */
    Duration idleTimeout() { return Duration.ofMillis(connector.getIdleTimeout()); }
}
