import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers 408 to a request whose body has not all arrived within the limit, and closes its connection.
///
/// It runs on the connection's event loop rather than in Swift concurrency's shared pool. The pool has one
/// thread per core, and searches (or, in a test run, other suites) can hold them all for seconds; a timer there
/// then fires late, and Hummingbird's idle timeout, which runs here on the event loop, closed the connection
/// first, with no answer at all.
final class UploadDeadline: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// What the request's handler sees in place of the rest of the body.
    struct Expired: Error {}

    private let seconds: Double
    private var timer: Scheduled<Void>?
    /// The 408 is sent: the rest of the request is dropped, and the route's own answer with it.
    private var expired = false

    init(seconds: Double) {
        self.seconds = seconds
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !expired else { return }
        switch unwrapInboundIn(data) {
        case .head:
            let loop = context.eventLoop.assumeIsolated()
            timer = loop.scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) { self.expire(context) }
        case .body:
            break
        case .end:
            cancelTimer()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !expired else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        // An answer before the whole body (413 for too many bytes) ends the wait for it.
        if case .head = unwrapOutboundIn(data) { cancelTimer() }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    private func expire(_ context: ChannelHandlerContext) {
        timer = nil
        expired = true
        let body = ByteBuffer(bytes: SearchRoutes.failureJSON("the request took longer than \(seconds) seconds"))
        let head = HTTPResponse(
            status: .requestTimeout,
            headerFields: [
                .contentType: "application/json", .contentLength: "\(body.readableBytes)", .connection: "close",
            ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
        // The route still reading the body stops with an error instead of searching a part of it.
        context.fireErrorCaught(Expired())
    }
}
