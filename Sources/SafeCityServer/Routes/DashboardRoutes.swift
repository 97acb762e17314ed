import Foundation
import Hummingbird

/// The operations dashboard's static assets, served from the package (no CDN).
enum DashboardRoutes {
    static let assets: [String: (file: String, type: String)] = [
        "/": ("index.html", "text/html; charset=utf-8"),
        "/dashboard.js": ("dashboard.js", "text/javascript; charset=utf-8"),
        "/dashboard.css": ("dashboard.css", "text/css; charset=utf-8"),
    ]

    static func register(in catalog: RouteCatalog) {
        for (path, asset) in assets.sorted(by: { $0.key < $1.key }) {
            guard let url = Bundle.module.url(forResource: asset.file, withExtension: nil, subdirectory: "Public"),
                  let bytes = try? Data(contentsOf: url)
            else { continue }
            let body = ByteBuffer(bytes: bytes)
            catalog.publicRoute(.get, RouterPath(path)) { _, _ in
                Response(status: .ok, headers: [.contentType: asset.type, .cacheControl: "no-cache"], body: .init(byteBuffer: body))
            }
        }
    }
}
