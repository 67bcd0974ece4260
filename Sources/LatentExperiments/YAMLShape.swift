/// Bounds on how deeply a YAML text can nest, read from the text alone, before any parser sees it.
///
/// Yams builds and frees its node tree recursively, so a few thousand nested brackets, compact
/// sequences (`- - - x`) or chained aliases overflow the stack and the process dies with no message.
/// The counts here cannot be fooled by quoting: brackets and anchors count wherever they appear, even
/// inside strings and comments, which only ever makes a file look deeper than it is.
struct YAMLShape {
    /// Every `[` and `{` in the text: an upper bound on how deeply flow collections nest.
    private(set) var flowBrackets = 0
    /// Every `&name`: how many nodes an alias can name, so how many times aliases can multiply the tree's depth.
    private(set) var anchors = 0
    /// The deepest block nesting: indentation levels plus compact indicators (`- - x`), over all lines.
    private(set) var blockDepth = 0
    /// The line (from 1) where `blockDepth` was reached.
    private(set) var deepestLine = 0

    init(_ text: String) {
        // Bytes, not Characters: every character counted here is ASCII, and a megabyte is scanned in milliseconds.
        // YAML lets an anchor's name start with anything but a space, a line break or a flow indicator.
        let endsAnAnchor = Set(" \t\r\n,[]{}".utf8)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { flowBrackets += 1 }
            if previous == UInt8(ascii: "&"), !endsAnAnchor.contains(byte) { anchors += 1 }
            previous = byte
        }
        // Each entry: a line's indentation and the depth it reached; a line's parent is the nearest less indented one.
        var open: [(column: Int, depth: Int)] = []
        // isNewline: YAML breaks lines at "\r\n" and "\r" too, and "\r\n" is one Character, never equal to "\n".
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let content = line.drop { $0 == " " }
            guard let first = content.first, first != "#" else { continue }
            let column = line.count - content.count
            while let last = open.last, last.column >= column { open.removeLast() }
            let depth = (open.last?.depth ?? 0) + 1 + Self.compactIndicators(content)
            open.append((column, depth))
            if depth > blockDepth { (blockDepth, deepestLine) = (depth, index + 1) }
        }
    }

    /// The `-` and `?` indicators that open a line, each a level of its own (`- - x` nests twice).
    private static func compactIndicators(_ content: Substring) -> Int {
        var count = 0
        for token in content.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if token == "-" || token == "?" {
                count += 1
            } else if !(token.hasPrefix("&") || token.hasPrefix("!")) {
                break
            }
        }
        return count
    }
}
