package dev.postline.connectors.graphdouble;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP front of the double: authenticates the bearer token, meters and limits concurrency per
 * mailbox, fires armed faults, dispatches to {@link MailRoutes} or {@link SubscriptionRoutes}, and logs every
 * request.
 */
final class GraphApi implements HttpHandler {

    private final GraphDouble graph;
    private final MailRoutes routes;
    private final SubscriptionRoutes subscriptions;

    GraphApi(GraphDouble graph) {
        this.graph = graph;
        this.routes = new MailRoutes(graph);
        this.subscriptions = new SubscriptionRoutes(graph);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            GraphRequest req = GraphRequest.read(exchange);
            RequestKind kind = req.kind();
            Optional<GraphMailbox> mailbox = req.bearer().flatMap(graph::mailboxForToken);
            Answer answer;
            if (mailbox.isEmpty()) {
                answer = Answer.fault(Fault.invalidAuthenticationToken());
            } else {
                answer = metered(req, kind, mailbox.get());
            }
            graph.log(new LoggedRequest(req.method(), req.target(), kind, mailbox.map(GraphMailbox::address).orElse(null),
                    req.prefer(), req.contentType(), answer.status()));
            write(exchange, answer);
        }
    }

    private Answer metered(GraphRequest req, RequestKind kind, GraphMailbox mailbox) {
        int now = mailbox.inFlight.incrementAndGet();
        mailbox.maxInFlight.accumulateAndGet(now, Math::max);
        try {
            pause(graph.responseDelay());
            if (now > GraphDouble.MAILBOX_CONCURRENCY_LIMIT) {
                return Answer.fault(Fault.tooManyRequests(Duration.ofSeconds(1)));
            }
            Optional<Fault> fault = graph.faults().take(kind).or(() -> graph.faults().forMessageContent(kind, req.segments()));
            if (fault.isPresent()) {
                return Answer.fault(fault.get());
            }
            return switch (kind) {
                case CREATE_SUBSCRIPTION, UPDATE_SUBSCRIPTION, DELETE_SUBSCRIPTION -> subscriptions.answer(req, mailbox);
                default -> routes.answer(req, mailbox);
            };
        } finally {
            mailbox.inFlight.decrementAndGet();
        }
    }

    private static void pause(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void write(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("request-id", java.util.UUID.randomUUID().toString());
        int length = answer.body().length;
        exchange.sendResponseHeaders(answer.status(), length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }
}
