/// Decodes one PBF PrimitiveBlock (string table, groups of nodes, dense nodes, ways, relations).
struct PrimitiveBlockDecoder {
    let bytes: [UInt8]
    let keepWay: ((OSMTags) -> Bool)?
    private var strings: [String] = []
    private var granularity: Int64 = 100
    private var latOffset: Int64 = 0
    private var lonOffset: Int64 = 0

    init(bytes: [UInt8], keepWay: ((OSMTags) -> Bool)?) {
        self.bytes = bytes
        self.keepWay = keepWay
    }

    /// Decodes the block, appending its elements to `output`.
    mutating func decode(into output: inout OSMData) throws(OSMError) {
        var reader = ProtobufReader(bytes: bytes)
        var groups: [Range<Int>] = []
        while let field = try reader.nextField() {
            switch field.number {
            case 1: try readStringTable(reader.readLengthDelimitedField(field.wireType))
            case 2: groups.append(try reader.readLengthDelimitedField(field.wireType))
            case 17:
                granularity = Int64(truncatingIfNeeded: try reader.readVarintField(field.wireType))
                guard granularity > 0 else { throw .malformed(context: "granularity must be positive") }
            case 19: latOffset = Int64(bitPattern: try reader.readVarintField(field.wireType))
            case 20: lonOffset = Int64(bitPattern: try reader.readVarintField(field.wireType))
            default: try reader.skip(field.wireType)
            }
        }
        for group in groups {
            var groupReader = ProtobufReader(bytes: bytes, range: group)
            while let field = try groupReader.nextField() {
                switch field.number {
                case 1: try readNode(groupReader.readLengthDelimitedField(field.wireType), into: &output)
                case 2: try readDenseNodes(groupReader.readLengthDelimitedField(field.wireType), into: &output)
                case 3: try readWay(groupReader.readLengthDelimitedField(field.wireType), into: &output)
                case 4: try readRelation(groupReader.readLengthDelimitedField(field.wireType), into: &output)
                default: try groupReader.skip(field.wireType)
                }
            }
        }
    }

    private mutating func readStringTable(_ range: Range<Int>) throws(OSMError) {
        var reader = ProtobufReader(bytes: bytes, range: range)
        strings.removeAll(keepingCapacity: true)
        while let field = try reader.nextField() {
            if field.number == 1, field.wireType == .lengthDelimited {
                strings.append(try reader.readString())
            } else {
                try reader.skip(field.wireType)
            }
        }
    }

    private func string(_ index: UInt64) throws(OSMError) -> String {
        guard index < UInt64(strings.count) else { throw .malformed(context: "string index \(index) out of table") }
        return strings[Int(index)]
    }

    private func degrees(_ raw: Int64, offset: Int64) -> Double {
        Double(offset &+ granularity &* raw) * 1e-9
    }

    private func tags(keys: [UInt64], values: [UInt64]) throws(OSMError) -> OSMTags {
        guard keys.count == values.count else { throw .malformed(context: "keys and vals differ in length") }
        var tags = OSMTags(minimumCapacity: keys.count)
        for (key, value) in zip(keys, values) {
            tags[try string(key)] = try string(value)
        }
        return tags
    }

    private func readNode(_ range: Range<Int>, into output: inout OSMData) throws(OSMError) {
        var reader = ProtobufReader(bytes: bytes, range: range)
        var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
        var keys: [UInt64] = [], values: [UInt64] = []
        while let field = try reader.nextField() {
            switch field.number {
            case 1: id = try reader.readSignedVarint()
            case 2: try reader.readPackedVarints(field.wireType, into: &keys)
            case 3: try reader.readPackedVarints(field.wireType, into: &values)
            case 8: lat = try reader.readSignedVarint()
            case 9: lon = try reader.readSignedVarint()
            default: try reader.skip(field.wireType)
            }
        }
        output.nodes.append(OSMNode(id: id, latitude: degrees(lat, offset: latOffset),
                                    longitude: degrees(lon, offset: lonOffset), tags: try tags(keys: keys, values: values)))
    }

    private func readDenseNodes(_ range: Range<Int>, into output: inout OSMData) throws(OSMError) {
        var reader = ProtobufReader(bytes: bytes, range: range)
        var ids: [Int64] = [], lats: [Int64] = [], lons: [Int64] = []
        var keysVals: [UInt64] = []
        while let field = try reader.nextField() {
            switch field.number {
            case 1: try reader.readPackedSigned(field.wireType, into: &ids)
            case 8: try reader.readPackedSigned(field.wireType, into: &lats)
            case 9: try reader.readPackedSigned(field.wireType, into: &lons)
            case 10: try reader.readPackedVarints(field.wireType, into: &keysVals)
            default: try reader.skip(field.wireType)
            }
        }
        guard ids.count == lats.count, ids.count == lons.count else {
            throw .malformed(context: "DenseNodes id/lat/lon counts differ")
        }
        output.nodes.reserveCapacity(output.nodes.count + ids.count)
        var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
        var tagIndex = 0
        for index in ids.indices {
            id = id &+ ids[index]
            lat = lat &+ lats[index]
            lon = lon &+ lons[index]
            var tags = OSMTags()
            if !keysVals.isEmpty {
                while true {
                    guard tagIndex < keysVals.count else { throw .malformed(context: "DenseNodes keys_vals ends early") }
                    let key = keysVals[tagIndex]
                    tagIndex += 1
                    if key == 0 { break }
                    guard tagIndex < keysVals.count else { throw .malformed(context: "DenseNodes key without value") }
                    tags[try string(key)] = try string(keysVals[tagIndex])
                    tagIndex += 1
                }
            }
            output.nodes.append(OSMNode(id: id, latitude: degrees(lat, offset: latOffset),
                                        longitude: degrees(lon, offset: lonOffset), tags: tags))
        }
    }

    private func readWay(_ range: Range<Int>, into output: inout OSMData) throws(OSMError) {
        var reader = ProtobufReader(bytes: bytes, range: range)
        var id: Int64 = 0
        var keys: [UInt64] = [], values: [UInt64] = []
        var refs: [Int64] = []
        while let field = try reader.nextField() {
            switch field.number {
            case 1: id = Int64(bitPattern: try reader.readVarintField(field.wireType))
            case 2: try reader.readPackedVarints(field.wireType, into: &keys)
            case 3: try reader.readPackedVarints(field.wireType, into: &values)
            case 8: try reader.readPackedSigned(field.wireType, into: &refs)
            default: try reader.skip(field.wireType)
            }
        }
        let wayTags = try tags(keys: keys, values: values)
        if let keepWay, !keepWay(wayTags) { return }
        var node: Int64 = 0
        for index in refs.indices {
            node = node &+ refs[index]
            refs[index] = node
        }
        output.ways.append(OSMWay(id: id, nodeIDs: refs, tags: wayTags))
    }

    private func readRelation(_ range: Range<Int>, into output: inout OSMData) throws(OSMError) {
        var reader = ProtobufReader(bytes: bytes, range: range)
        var id: Int64 = 0
        var keys: [UInt64] = [], values: [UInt64] = []
        var roles: [UInt64] = [], types: [UInt64] = []
        var memberIDs: [Int64] = []
        while let field = try reader.nextField() {
            switch field.number {
            case 1: id = Int64(bitPattern: try reader.readVarintField(field.wireType))
            case 2: try reader.readPackedVarints(field.wireType, into: &keys)
            case 3: try reader.readPackedVarints(field.wireType, into: &values)
            case 8: try reader.readPackedVarints(field.wireType, into: &roles)
            case 9: try reader.readPackedSigned(field.wireType, into: &memberIDs)
            case 10: try reader.readPackedVarints(field.wireType, into: &types)
            default: try reader.skip(field.wireType)
            }
        }
        guard roles.count == memberIDs.count, types.count == memberIDs.count else {
            throw .malformed(context: "Relation \(id) member arrays differ in length")
        }
        var members: [OSMMember] = []
        members.reserveCapacity(memberIDs.count)
        var ref: Int64 = 0
        for index in memberIDs.indices {
            ref = ref &+ memberIDs[index]
            guard types[index] <= 2, let type = OSMMemberType(rawValue: Int(types[index])) else {
                throw .malformed(context: "Relation \(id) member type \(types[index])")
            }
            members.append(OSMMember(type: type, ref: ref, role: try string(roles[index])))
        }
        output.relations.append(OSMRelation(id: id, members: members, tags: try tags(keys: keys, values: values)))
    }
}
