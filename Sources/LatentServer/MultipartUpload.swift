import Foundation

/// The file inside a `multipart/form-data` body (RFC 7578), as `curl -F`, an HTML form or Python's `requests` send it.
///
/// Hummingbird 2 names the media type but ships no parser, so this one walks the body's bytes: parts are separated by
/// `CRLF--boundary` (RFC 2046), the body ends with `--boundary--`, and each part is headers, an empty line, content.
/// The bytes are searched with `memchr`/`memcmp` over the buffer, never a closure per byte.
enum MultipartUpload {
    /// The boundary of a `multipart/form-data` Content-Type; `nil` for any other type, whose body is the image.
    /// - Parameter contentType: the request's Content-Type header, if it has one.
    static func boundary(contentType: String?) throws -> [UInt8]? {
        guard let contentType else { return nil }
        let fields = parameters(contentType)
        guard fields.first?.value.lowercased() == "multipart/form-data" else { return nil }
        guard let boundary = fields.dropFirst().first(where: { $0.name == "boundary" })?.value else {
            throw Refusal(
                .badRequest, "the Content-Type multipart/form-data has no boundary parameter (boundary=...)")
        }
        // RFC 2046: 1 to 70 characters; a longer one cannot have come from a conforming client.
        guard (1...70).contains(boundary.utf8.count) else {
            throw Refusal(
                .badRequest, "the multipart boundary must be 1 to 70 characters, got \(boundary.utf8.count)")
        }
        return Array(boundary.utf8)
    }

    /// The bytes of the first part that carries a file (a `filename` in its Content-Disposition), or else of the
    /// first part.
    /// - Parameters:
    ///   - body: the whole request body.
    ///   - boundary: the boundary from the Content-Type, without its leading `--`.
    static func file(in body: [UInt8], boundary: [UInt8]) throws -> [UInt8] {
        let shown = String(decoding: boundary, as: UTF8.self)
        let parts = try body.withUnsafeBytes { try split($0, boundary: boundary, shown: shown) }
        guard let first = parts.first else {
            throw Refusal(.badRequest, "the multipart body has no part between its boundaries")
        }
        let chosen = parts.first(where: { $0.fileName != nil }) ?? first
        guard !chosen.content.isEmpty else {
            let named = chosen.fileName.map { "the file \"\($0)\"" } ?? "the first part"
            throw Refusal(.badRequest, "\(named) of the multipart upload is empty")
        }
        return Array(body[chosen.content])
    }

    /// One part: where its content lies in the body, and the file name its Content-Disposition gives.
    private struct Part {
        let content: Range<Int>
        let fileName: String?
    }

    /// The parts between the first boundary line and the closing `--boundary--`.
    private static func split(_ body: UnsafeRawBufferPointer, boundary: [UInt8], shown: String) throws -> [Part] {
        let dashes = Array("--".utf8)
        let delimiter = Array("\r\n--".utf8) + boundary
        // The first boundary line opens the body or follows a preamble (which is ignored) and its line break.
        var position: Int
        if starts(body, at: 0, with: dashes + boundary) {
            position = dashes.count + boundary.count
        } else if let found = find(delimiter, in: body, from: 0) {
            position = found + delimiter.count
        } else {
            throw Refusal(.badRequest, "the multipart body has no boundary line \"--\(shown)\"")
        }
        var parts: [Part] = []
        while true {
            if starts(body, at: position, with: dashes) { return parts }
            // Transport padding (spaces or tabs) may follow a boundary before its line break.
            while position < body.count, body[position] == 0x20 || body[position] == 0x09 { position += 1 }
            guard starts(body, at: position, with: crlf) else {
                throw Refusal(
                    .badRequest, "the multipart boundary line \"--\(shown)\" is not followed by a line break")
            }
            position += crlf.count
            let headersEnd: Int
            let contentStart: Int
            if starts(body, at: position, with: crlf) {
                // A part without headers: its empty line comes at once.
                (headersEnd, contentStart) = (position, position + crlf.count)
            } else if let found = find(crlf + crlf, in: body, from: position) {
                (headersEnd, contentStart) = (found, found + 2 * crlf.count)
            } else {
                throw Refusal(.badRequest, "part \(parts.count + 1) of the multipart body has no end to its headers")
            }
            guard let contentEnd = find(delimiter, in: body, from: contentStart) else {
                throw Refusal(.badRequest, "the multipart body has no closing boundary \"--\(shown)--\"")
            }
            let headers = String(decoding: UnsafeRawBufferPointer(rebasing: body[position..<headersEnd]), as: UTF8.self)
            parts.append(Part(content: contentStart..<contentEnd, fileName: fileName(headers)))
            position = contentEnd + delimiter.count
        }
    }

    private static let crlf: [UInt8] = [0x0D, 0x0A]

    /// The `filename` (or `filename*`) parameter of a part's Content-Disposition header; `nil` when it has none.
    private static func fileName(_ headers: String) -> String? {
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            let fields = parameters(String(line[line.index(after: colon)...])).dropFirst()
            return fields.first(where: { $0.name == "filename" || $0.name == "filename*" })?.value
        }
        return nil
    }

    /// A header value split at the semicolons outside quotes: the value itself first (with an empty name), then its
    /// parameters with lowercased names and unquoted values.
    private static func parameters(_ header: String) -> [(name: String, value: String)] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in header {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces.enumerated().map { offset, piece in
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard offset > 0, let equals = trimmed.firstIndex(of: "=") else { return ("", trimmed) }
            let name = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            return (name, trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces))
        }
    }

    /// Whether `body` holds `prefix` at `offset`.
    private static func starts(_ body: UnsafeRawBufferPointer, at offset: Int, with prefix: [UInt8]) -> Bool {
        guard offset + prefix.count <= body.count, let base = body.baseAddress else { return false }
        return memcmp(base + offset, prefix, prefix.count) == 0
    }

    /// The first offset at or after `start` where `needle` lies in `body`: `memchr` finds each candidate first byte,
    /// `memcmp` checks the rest.
    private static func find(_ needle: [UInt8], in body: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = body.baseAddress, let first = needle.first else { return nil }
        var position = start
        while position + needle.count <= body.count {
            let remaining = body.count - needle.count + 1 - position
            guard let hit = memchr(base + position, Int32(first), remaining) else { return nil }
            let offset = UnsafeRawPointer(hit) - base
            if memcmp(hit, needle, needle.count) == 0 { return offset }
            position = offset + 1
        }
        return nil
    }
}
