import Foundation
import LatentCore

/// A small SVG chart (lines or coloured points) that renders in a README or a notebook on any code host.
public struct SVGChart {
    public struct Series {
        public let name: String
        public let points: [(x: Double, y: Double)]
        public init(name: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.points = points
        }
    }

    public enum Style { case lines, points }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series] = []
    public var style: Style = .lines
    public var width = 640.0, height = 400.0

    /// Ten distinguishable colours (one per class).
    public static let palette = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    public init(title: String, xLabel: String, yLabel: String) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    public func render() -> String {
        let (left, right, top, bottom) = (70.0, 150.0, 40.0, 50.0)
        let all = series.flatMap(\.points)
        let (xMin, xMax) = range(all.map(\.x))
        let (yMin, yMax) = range(all.map(\.y))
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - (y - yMin) / (yMax - yMin) * (height - top - bottom) }
        func number(_ v: Double) -> String { String(format: abs(v) >= 100 || v == v.rounded() ? "%.0f" : "%.3g", v) }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            "<text x=\"\(width / 2)\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">\(escape(title))</text>",
            "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"black\"/>",
            "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"black\"/>",
            "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 12)\" text-anchor=\"middle\">\(escape(xLabel))</text>",
            "<text x=\"16\" y=\"\((top + height - bottom) / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 16 \((top + height - bottom) / 2))\">\(escape(yLabel))</text>",
        ]
        for i in 0...4 {
            let (x, y) = (xMin + Double(i) / 4 * (xMax - xMin), yMin + Double(i) / 4 * (yMax - yMin))
            svg.append("<text x=\"\(px(x))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\">\(number(x))</text>")
            svg.append("<text x=\"\(left - 6)\" y=\"\(py(y) + 4)\" text-anchor=\"end\">\(number(y))</text>")
        }
        for (index, line) in series.enumerated() {
            let colour = SVGChart.palette[index % SVGChart.palette.count]
            switch style {
            case .lines:
                let path = line.points.map { String(format: "%.1f,%.1f", px($0.x), py($0.y)) }.joined(separator: " ")
                svg.append("<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(path)\"/>")
                for point in line.points {
                    svg.append(
                        String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" ", px(point.x), py(point.y))
                            + "fill=\"\(colour)\"/>")
                }
            case .points:
                for point in line.points {
                    svg.append(
                        String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.6\" ", px(point.x), py(point.y))
                            + "fill=\"\(colour)\" fill-opacity=\"0.6\"/>")
                }
            }
            let legendY = top + 10 + Double(index) * 18
            svg.append(
                "<rect x=\"\(width - right + 12)\" y=\"\(legendY - 9)\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            )
            svg.append("<text x=\"\(width - right + 28)\" y=\"\(legendY)\">\(escape(line.name))</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    /// Writes the chart through `AtomicFile`: a failed save leaves a previous file as it was.
    public func save(to path: String) throws { try AtomicFile.write(render(), to: path) }

    private func range(_ values: [Double]) -> (Double, Double) {
        guard let low = values.min(), let high = values.max() else { return (0, 1) }
        return low == high ? (low - 1, high + 1) : (low, high)
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
