import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Marks an HTTP/1.0 request that did not ask for `Connection: keep-alive` as `Connection: close`, so that its
/// connection is closed after the answer, as HTTP/1.0 clients (`ab`) expect.
///
/// Hummingbird sees requests as version-free `HTTPRequest` values and closes a connection only on an explicit
/// `Connection: close`; without this it held each HTTP/1.0 connection open until the idle timeout. It must sit in
/// front of the conversion to those values, where the version is still known.
final class HTTP10Close: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), head.version == .http1_0, !head.isKeepAlive else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    /// Hummingbird adds its extra handlers behind the conversion; this one, added there, puts an `HTTP10Close` in
    /// front of it and takes itself out.
    final class Installer: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart

        func handlerAdded(context: ChannelHandlerContext) {
            let pipeline = context.pipeline.syncOperations
            if let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) {
                try? pipeline.addHandler(HTTP10Close(), position: .before(codec))
            }
            pipeline.removeHandler(context: context, promise: nil)
        }
    }
}
