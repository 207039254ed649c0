import Crypto
import Foundation

/// What a push service needs to carry a message to a browser without reading it: the message
/// encrypted for the browser's keys (RFC 8291, the `aes128gcm` content coding of RFC 8188) and
/// the server identified to the push service by a signed token (VAPID, RFC 8292).
public enum WebPush {
    /// The record size written in the header: a push message is one record of at most 4,096 bytes.
    static let recordSize: UInt32 = 4096
    /// The longest message that fits one record (4,096 less the header, the tag and the delimiter).
    static let maximumPlaintext = 4096 - 16 - 4 - 1 - 65 - 16 - 1

    /// One message ready for the push service: the request's body and headers.
    public struct Delivery: Sendable, Equatable {
        /// The push service's URL for the browser.
        public var endpoint: String
        /// The encrypted body (`Content-Encoding: aes128gcm`).
        public var body: Data
        /// `Authorization`, `TTL`, `Urgency`, `Topic`, `Content-Encoding` and `Content-Type`.
        public var headers: [(String, String)]

        public static func == (a: Delivery, b: Delivery) -> Bool {
            a.endpoint == b.endpoint && a.body == b.body && a.headers.map { "\($0.0): \($0.1)" } == b.headers.map { "\($0.0): \($0.1)" }
        }
    }

    /// Encrypts `plaintext` for a browser's public key `receiver` (65 bytes, uncompressed P-256)
    /// and authentication secret. `sender` (an ephemeral key) and `salt` are new for every
    /// message; a test fixes them to check the RFC's example.
    static func encrypt(_ plaintext: Data, receiver: Data, authSecret: Data, sender: P256.KeyAgreement.PrivateKey = .init(),
                        salt: Data = randomBytes(16)) throws -> Data
    {
        precondition(plaintext.count <= maximumPlaintext, "a push message is one record")
        let shared = try sender.sharedSecretFromKeyAgreement(with: P256.KeyAgreement.PublicKey(x963Representation: receiver))
        let senderKey = sender.publicKey.x963Representation
        // IKM = HKDF(auth secret, ECDH secret, "WebPush: info" ‖ 0 ‖ receiver ‖ sender, 32) (RFC 8291 §3.4).
        let ikm = shared.hkdfDerivedSymmetricKey(using: SHA256.self, salt: authSecret, sharedInfo: Data("WebPush: info".utf8) + [0] + receiver + senderKey,
                                                 outputByteCount: 32)
        // The content encryption key and nonce (RFC 8188 §2.2, §2.3).
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: Data("Content-Encoding: aes128gcm".utf8) + [0], outputByteCount: 16)
        let nonce = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: Data("Content-Encoding: nonce".utf8) + [0], outputByteCount: 12)
        // One record, the last: the message and the delimiter 2, no padding.
        let sealed = try AES.GCM.seal(plaintext + [2], using: key, nonce: AES.GCM.Nonce(data: nonce.withUnsafeBytes { Data($0) }))
        var body = salt
        withUnsafeBytes(of: recordSize.bigEndian) { body.append(contentsOf: $0) }
        body.append(UInt8(senderKey.count))
        body.append(senderKey)
        return body + sealed.ciphertext + sealed.tag
    }

    /// The `Authorization` header for a message to `endpoint` (RFC 8292): a JSON Web Token signed
    /// with ES256 naming the push service's origin, valid for 12 hours, with the operator's
    /// contact `subject` (a `mailto:` or `https:` URL), and the server's public key.
    static func authorization(endpoint: URL, subject: String, key: P256.Signing.PrivateKey, now: Date) throws -> String {
        let claims: [String: Any] = ["aud": origin(of: endpoint) ?? "", "exp": Int(now.timeIntervalSince1970) + 12 * 3600, "sub": subject]
        let header = base64URL(Data(#"{"typ":"JWT","alg":"ES256"}"#.utf8))
        let payload = base64URL(try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys, .withoutEscapingSlashes]))
        let signed = "\(header).\(payload)"
        let signature = try key.signature(for: Data(signed.utf8)).rawRepresentation
        return "vapid t=\(signed).\(base64URL(signature)), k=\(base64URL(key.publicKey.x963Representation))"
    }

    /// `scheme://host[:port]` of a URL (the port only where it is not the scheme's own).
    public static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        let standard = scheme == "https" ? 443 : 80
        return "\(scheme)://\(host)" + (url.port.map { $0 == standard ? "" : ":\($0)" } ?? "")
    }

    /// Base64url without padding (RFC 4648 §5), as Web Push writes keys.
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of base64url text (padded or not); nil if it is not base64url.
    static func data(base64URL text: String) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "=") }) else { return nil }
        var plain = text.replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        plain += String(repeating: "=", count: (4 - plain.count % 4) % 4)
        return Data(base64Encoded: plain)
    }

    static func randomBytes(_ count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
