import Foundation
import LatentCore

extension LayerSpec {
    /// The description stored as `json` (a checkpoint's or an index's `architecture`), or an error that says what
    /// is wrong with it: the kind that is not registered, the key that is missing or of the wrong type.
    public static func decoded(fromJSON json: String) throws -> LayerSpec {
        do {
            return try JSONDecoder().decode(LayerSpec.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw LatentError("not a valid layer description: " + Self.reason(error))
        } catch {
            throw LatentError("not a valid layer description: \(error)")
        }
    }

    /// The decoding error's own words and where in the description it stands.
    private static func reason(_ error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .keyNotFound(let key, let found): return "\"\(key.stringValue)\" is missing" + at(found.codingPath)
        case .typeMismatch(_, let found), .valueNotFound(_, let found), .dataCorrupted(let found): context = found
        @unknown default: return "\(error)"
        }
        return context.debugDescription + at(context.codingPath)
    }

    private static func at(_ path: [any CodingKey]) -> String {
        path.isEmpty
            ? "" : " (at " + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") + ")"
    }
}
