package org.cipnet.cli;

/** Whether a server can listen on a port, asked before a command loads anything that would then be wasted. */
final class Ports {
    private Ports() {}

    /** Why a server could not listen on {@code port} at {@code address} (null: every interface) now; empty when it could (or for port 0). */
    static java.util.Optional<String> cannotOpen(java.net.InetAddress address, int port) {
        if (port == 0) return java.util.Optional.empty();
        try (var s = new java.net.ServerSocket()) {
            s.bind(new java.net.InetSocketAddress(address, port));
            return java.util.Optional.empty();
        } catch (java.io.IOException e) {
            return java.util.Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
