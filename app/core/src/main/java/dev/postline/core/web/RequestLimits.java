package dev.postline.core.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * Which limit an oversize request broke. The server answers every too-long frame with 413; a request
 * line or header block over Netty's limits is not a body, so it gets 414 or 431 (RFC 9110 §15.5.15,
 * RFC 6585 §5) and a message saying which part was too long.
 */
final class RequestLimits {

    private RequestLimits() {}

    static HttpStatus statusFor(HttpRequest<?> request, HttpStatus status) {
        if (status != HttpStatus.REQUEST_ENTITY_TOO_LARGE || !(request instanceof NettyHttpRequest<?> netty)) {
            return status;
        }
        Throwable cause = netty.getNativeRequest().decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            return HttpStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return status;
    }

    /**
     * Whether the connection must close after the answer: a 413 is often sent before the body was
     * read, and a client that writes the whole body before reading would otherwise wait forever for
     * a server that stopped reading.
     */
    static boolean closeAfter(HttpStatus status) {
        return status == HttpStatus.REQUEST_ENTITY_TOO_LARGE;
    }
}
