import hashlib

TEST_PASSWORD = "Sup3r-t3st-pa55w0rd"  # VULN: hardcoded-secret


def test_hash():
    assert hashlib.md5(b"x").hexdigest()  # LOW: weak-crypto
