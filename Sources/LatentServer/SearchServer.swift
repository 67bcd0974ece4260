import Hummingbird
import LatentSearch
import Logging
import NIOCore
import ServiceLifecycle

/// The search service over HTTP: `run` serves until SIGINT or SIGTERM, or until `stop()`.
public final class SearchServer: Sendable {
    private let application: Application<RouterResponder<BasicRequestContext>>
    private let group: ServiceGroup

    /// - Parameters:
    ///   - port: 0 lets the system pick a free port, reported to `onRunning`.
    ///   - photos: the folder the index's photos were imported from, so that `GET /original/ROW` answers each
    ///     image's file; `nil` for none.
    ///   - stopsOnSignals: SIGINT and SIGTERM stop the server gracefully (a command line); tests stop it with `stop()`.
    ///   - onRunning: called once the socket listens, with the port it listens on.
    public init(
        search: ImageSearch, host: String, port: Int, limits: SearchLimits = SearchLimits(),
        photos: String? = nil, stopsOnSignals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void
    ) {
        var logger = Logger(label: "latent-serve")
        logger.logLevel = .warning
        let routes = SearchRoutes(search: search, limits: limits, photos: photos.map(OriginalPhotos.init(folder:)))
        application = Application(
            router: routes.router(),
            // A connection that sends nothing this long is closed, so that no client can hold one forever. It is
            // longer than an upload's time, so that a stalled upload first gets its 408 with a message; both timers
            // run on the connection's event loop, in that order.
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [
                        HTTP10Close.Installer(), UploadDeadline(seconds: limits.requestSeconds),
                    ],
                    idleTimeout: .milliseconds(Int64((limits.requestSeconds + 5) * 1000)))),
            configuration: .init(address: .hostname(host, port: port), serverName: "latent"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        group = ServiceGroup(
            configuration: .init(
                services: [application], gracefulShutdownSignals: stopsOnSignals ? [.sigterm, .sigint] : [],
                logger: logger))
    }

    /// Serves until stopped; throws when the address cannot be bound.
    public func run() async throws {
        try await group.run()
    }

    /// Stops accepting connections, finishes the requests in flight, and makes `run` return.
    public func stop() async {
        await group.triggerGracefulShutdown()
    }
}
