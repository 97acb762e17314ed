import NIOSSL

/// A certificate chain and its private key, in PEM files, for `serve` to speak HTTPS itself (TLS 1.2+).
public struct TLSFiles: Sendable {
    public var certificateChainPath: String
    public var privateKeyPath: String

    public init(certificateChainPath: String, privateKeyPath: String) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
    }

    /// Throws a one-line reason when a file cannot be read or holds no certificate or key.
    public func validate() throws { _ = try configuration() }

    /// The server configuration; throws a one-line reason when a file cannot be read.
    func configuration() throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificateChainPath) } catch {
            throw TLSFilesError("cannot read a PEM certificate chain from \(certificateChainPath)")
        }
        guard !chain.isEmpty else { throw TLSFilesError("\(certificateChainPath) holds no certificate") }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem) } catch {
            throw TLSFilesError("cannot read a PEM private key from \(privateKeyPath)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}

/// Why the TLS files cannot be used.
public struct TLSFilesError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
