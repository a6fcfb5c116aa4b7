# Reference digests for XXHash64Tests (PopulationBinaryTests.swift), computed once with
# the xxhash package (pip install xxhash), which wraps the reference C implementation.
import xxhash

cases = [b"", b"a", b"abc", bytes(range(256)) * 3]
for data in cases:
    print(len(data), hex(xxhash.xxh64(data, seed=0).intdigest()), hex(xxhash.xxh64(data, seed=7).intdigest()))
# Printed (xxhash 3.x):
# 0 0xef46db3751d8e999 0x95f0626f6f0a4409
# 1 0xd24ec4f1a98c6e5b 0xdc6349d489e0f965
# 3 0x44bc2cf5ad770999 0x9e755206156676d7
# 768 0x8e03c838c596036f 0xb1e10f6c5294cd6b
