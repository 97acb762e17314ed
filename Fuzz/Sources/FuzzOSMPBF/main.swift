import Foundation
import FuzzerDriver

// SwiftPM links an executable's own main, so libFuzzer is started through its library entry point.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOSMPBF(data, size) })
