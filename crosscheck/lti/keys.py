"""The tool's own RSA key pairs: generated on first use, published as a JWKS, rotated by an admin."""

from __future__ import annotations

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto.jwk import JWK
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from crosscheck.extensions import db
from crosscheck.lti.models import LtiToolKey
from crosscheck.timezone import utcnow

KEY_BITS = 2048


def _new_key() -> LtiToolKey:
    """A fresh key pair whose kid is its RFC 7638 thumbprint (what pylti1p3 puts in the JWT header too)."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    kid = JWK.from_pem(public_pem.encode()).thumbprint()
    return LtiToolKey(kid=kid, private_pem=private_pem, public_pem=public_pem)


def published_keys() -> list[LtiToolKey]:
    """Keys in the JWKS, newest first."""
    query = select(LtiToolKey).where(LtiToolKey.retired_at.is_(None)).order_by(LtiToolKey.id.desc())
    return list(db.session.scalars(query))


def signing_key() -> LtiToolKey:
    """The newest key, made on first use (two workers racing make one each; the newer signs, both are published)."""
    keys = published_keys()
    if keys:
        return keys[0]
    key = _new_key()
    db.session.add(key)
    try:
        db.session.commit()
    except IntegrityError:  # pragma: no cover - a thumbprint collision would need the same random key twice
        db.session.rollback()
    return published_keys()[0]


def rotate() -> LtiToolKey:
    """Make a new signing key; the previous one stays published (tokens it signed still verify), older ones retire."""
    signing_key()  # the first rotation of a fresh install still leaves a previous key to fall back on
    key = _new_key()
    db.session.add(key)
    db.session.flush()
    for old in published_keys()[2:]:
        old.retired_at = utcnow()
    db.session.commit()
    return key


def public_jwk(key: LtiToolKey) -> dict:
    """The public half as a JWK with its kid, algorithm and use."""
    jwk = json.loads(JWK.from_pem(key.public_pem.encode()).export_public())
    return {**jwk, "kid": key.kid, "alg": "RS256", "use": "sig"}


def jwks() -> dict:
    """The JSON Web Key Set platforms fetch to check what the tool signed."""
    signing_key()
    return {"keys": [public_jwk(key) for key in published_keys()]}
