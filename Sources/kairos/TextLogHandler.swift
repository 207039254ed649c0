import Foundation
import Logging

/// Readable log lines on standard error: `time level label: message key=value … [source]`.
///
/// Unlike swift-log's `StreamLogHandler`, which formats the whole metadata again each time a key
/// is set (every request sets its id and user), this one formats metadata only when a line is
/// written, so a request that logs nothing costs nothing.
struct TextLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var line = "\(ISO8601DateFormatter.withFractions.string(from: Date())) \(event.level) \(label): \(event.message)"
        for key in merged.keys.sorted() { line += " \(key)=\(merged[key]!)" }
        line += " [\(event.source)]\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
