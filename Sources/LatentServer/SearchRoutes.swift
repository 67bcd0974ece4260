import Foundation
import Hummingbird
import LatentCore
import LatentPictures
import LatentRetrieval
import LatentSearch
import NIOCore

/// The service's routes: the page, `POST /search?k=5` with an image's bytes (raw, or the file of a
/// multipart/form-data body), `GET /neighbours/ROW?k=5` for a database image, `GET /browse?offset=0&limit=24` for a
/// page of the collection, `GET /thumbnail/ROW`, `GET /original/ROW` (the photo's file, when the server has the
/// folder it was imported from) and `GET /health`, each answering HEAD where it answers GET. Every failure is a JSON `{"error": "..."}`, unknown paths (404) and wrong methods (405) included.
struct SearchRoutes: Sendable {
    let search: ImageSearch
    let limits: SearchLimits
    /// The folder the index's photos came from, or `nil` when the server has none.
    let photos: OriginalPhotos?

    func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        // Before the routes: middleware applies to the routes added after it, and to what none of them answers.
        router.add(middleware: UnknownRoutes())
        router.get("/") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: SearchPage.html)))
        }
        router.get("/health") { _, _ in
            let index = search.index
            return json(
                .ok,
                Health(
                    status: "ok", images: index.count, codeSpace: index.codeSpace.name,
                    metric: index.metric.rawValue, dimension: index.dimension, originals: photos != nil))
        }
        router.post("/search") { request, _ in
            await answer {
                let k = try requestedK(request)
                // A body slower than limits.requestSeconds is answered 408 by UploadDeadline, on the event loop.
                let body = try await request.body.collect(upTo: limits.uploadBytes)
                guard body.readableBytes > 0 else {
                    throw Refusal(.badRequest, "the request has no body; send the image file's bytes")
                }
                let started = ContinuousClock.now
                // A form's upload (multipart/form-data) is searched as its file part's bytes, any other as it is.
                var bytes = Array(buffer: body)
                if let boundary = try MultipartUpload.boundary(contentType: request.headers[.contentType]) {
                    bytes = try MultipartUpload.file(in: bytes, boundary: boundary)
                }
                let matches = try search.search(bytes, name: "the upload", k: k)
                return Answer(query: nil, results: matches, milliseconds: started.duration(to: .now).milliseconds)
            }
        }
        router.get("/neighbours/:row") { request, context in
            await answer {
                let row = try requestedRow(context)
                let k = try requestedK(request)
                let started = ContinuousClock.now
                let matches = try search.neighbours(ofRow: row, k: k)
                return Answer(query: row, results: matches, milliseconds: started.duration(to: .now).milliseconds)
            }
        }
        router.get("/browse") { request, _ in
            try refusing { json(.ok, try browsed(request)) }
        }
        router.get("/original/:row") { _, context in
            try refusing {
                let row = try requestedRow(context)
                guard let photos else {
                    throw Refusal(.notFound, "this server has no photo folder (latent serve --photos FOLDER)")
                }
                let photo = try photos.photo(row: row, path: search.index.paths[row])
                return Response(
                    status: .ok, headers: [.contentType: photo.contentType],
                    body: .init(byteBuffer: ByteBuffer(bytes: photo.bytes)))
            }
        }
        router.get("/thumbnail/:row") { _, context in
            try refusing {
                let row = try requestedRow(context)
                // Encoded on request (tens of microseconds): a large index's PNGs would not all fit in memory.
                let set = search.index.thumbnails
                let pixels: [UInt8]
                do {
                    pixels = try set.thumbnail(row)
                } catch {
                    // Read from the index file on request: a damaged chunk is the server's fault, not the request's.
                    throw Refusal(.internalServerError, "\(error)")
                }
                guard let png = PNGEncoder.encode(pixels, channels: set.channels, width: set.width, height: set.height)
                else {
                    throw Refusal(.internalServerError, "the server is out of memory")
                }
                return Response(
                    status: .ok, headers: [.contentType: "image/png", .cacheControl: "max-age=3600"],
                    body: .init(byteBuffer: ByteBuffer(bytes: png)))
            }
        }
        return router
    }

    /// The methods the route at `path` answers, as an `Allow` header lists them; `nil` for a path with no route. Kept
    /// beside `router()`, whose routes it lists.
    static func methods(at path: String) -> String? {
        let parts = path.split(separator: "/")
        switch (parts.count, parts.first) {
        case (0, _), (1, "health"), (1, "browse"), (2, "neighbours"), (2, "thumbnail"), (2, "original"):
            return "GET, HEAD"
        case (1, "search"): return "POST"
        default: return nil
        }
    }

    /// A refusal with `message` in JSON.
    static func refusal(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(status, Failure(error: message))
    }

    /// The answer `body` gives, or its refusal in JSON.
    private func refusing(_ body: () throws -> Response) throws -> Response {
        do {
            return try body()
        } catch let refusal as Refusal {
            return Self.refusal(refusal.status, refusal.message)
        }
    }

    /// Runs a search and turns its failures into 4xx answers with the message in JSON.
    private func answer(_ body: () async throws -> Answer) async -> Response {
        do {
            return json(.ok, try await body())
        } catch let refusal as Refusal {
            return json(refusal.status, Failure(error: refusal.message))
        } catch is NIOTooManyBytesError {
            return json(.contentTooLarge, Failure(error: "the upload is larger than \(limits.uploadBytes) bytes"))
        } catch let error as SearchError {
            return json(error.isTooLarge ? .contentTooLarge : .badRequest, Failure(error: error.description))
        } catch let error as LatentError {
            return json(.badRequest, Failure(error: error.description))
        } catch {
            return json(.badRequest, Failure(error: "\(error)"))
        }
    }

    private func requestedK(_ request: Request) throws -> Int {
        try wholeNumber("k", in: request, otherwise: 5, from: 1, to: min(limits.largestK, search.index.count))
    }

    /// The images from `offset` (0 first), at most `limit` of them, in the index's order.
    private func browsed(_ request: Request) throws -> BrowsePage {
        let index = search.index
        let offset = try wholeNumber("offset", in: request, otherwise: 0, from: 0, to: index.count - 1)
        let limit = try wholeNumber("limit", in: request, otherwise: 24, from: 1, to: limits.largestK)
        let rows = offset..<min(offset + limit, index.count)
        let images = rows.map { BrowsePage.Image(row: $0, path: index.paths[$0], label: index.label(of: $0)) }
        return BrowsePage(total: index.count, offset: offset, results: images)
    }

    private func wholeNumber(
        _ name: String, in request: Request, otherwise fallback: Int, from smallest: Int, to largest: Int
    ) throws -> Int {
        guard let text = request.uri.queryParameters.get(name) else { return fallback }
        guard let value = Int(text), value >= smallest, value <= largest else {
            throw Refusal(.badRequest, "\(name) must be a whole number from \(smallest) to \(largest), got \"\(text)\"")
        }
        return value
    }

    private func requestedRow(_ context: BasicRequestContext) throws -> Int {
        let text = context.parameters.get("row") ?? ""
        guard let row = Int(text), (0..<search.index.count).contains(row) else {
            throw Refusal(.notFound, "no image \(text) in the index (rows 0 to \(search.index.count - 1))")
        }
        return row
    }
}

/// A request refused with a status and a message for the client.
struct Refusal: Error {
    let status: HTTPResponse.Status
    let message: String
    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }
}

struct Health: Codable {
    let status: String
    let images: Int
    let codeSpace: String
    let metric: String
    let dimension: Int
    /// Whether `GET /original/ROW` can answer photos.
    let originals: Bool
    enum CodingKeys: String, CodingKey {
        case status, images
        case codeSpace = "code_space"
        case metric, dimension, originals
    }
}

/// The answer to a search: the query row (for a database image), the matches nearest first, the time taken.
struct Answer: Codable {
    let query: Int?
    let results: [ImageMatch]
    let milliseconds: Double
}

struct Failure: Codable {
    let error: String
}

private func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
    Response(
        status: status, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(bytes: SearchRoutes.encoded(value))))
}

extension SearchRoutes {
    /// `{"error": message}`, the body of every refusal.
    static func failureJSON(_ message: String) -> Data { encoded(Failure(error: message)) }

    static func encoded(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data(#"{"error":"cannot encode the answer"}"#.utf8)
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
