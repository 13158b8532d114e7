package dev.postline.connectors.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a DNS name into addresses. Injectable so tests can make any name point anywhere. */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String hostname) throws UnknownHostException;

    /** The JVM's resolver. */
    static HostResolver system() {
        return name -> List.of(InetAddress.getAllByName(name));
    }
}
