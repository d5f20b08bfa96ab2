"""personal data encrypted at rest

Applicant names and addresses, the legs' parties (whole), organizations' contact names and
handover senders are encrypted with the field cipher; applicant names get a keyed lookup
hash. Existing rows are converted, so the migration needs the data key (`courier db
upgrade` passes it) unless the database holds no such rows.

Revision ID: 0005
Revises: 0004
"""

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Set by courier.storage.migrate from the engine; a literal so this file never changes meaning.
CIPHER_CONFIG_ATTRIBUTE = "field_cipher"
# Plain name columns that become ciphertext: (table, column, length before this revision).
NAME_COLUMNS = (
    ("halls", "contact_name", 40),
    ("departments", "contact_name", 40),
    ("cases", "applicant_name", 40),
    # The sender of a handover is an office, or the applicant for a leg they send.
    ("handovers", "sender_name", 100),
)
NAME_HASH_INDEX = "ix_cases_applicant_name_hash"

Convert = Callable[[Any, str], str]


def _cipher() -> Any:
    """Return the field cipher, or None when no stored row needs converting."""
    bind = op.get_bind()
    tables = {table for table, _, _ in NAME_COLUMNS} | {"legs"}
    if not any(bind.execute(sa.select(_table(t)).limit(1)).first() for t in tables):
        return None
    cipher = context.config.attributes.get(CIPHER_CONFIG_ATTRIBUTE)
    if cipher is None:
        raise RuntimeError(
            "migration 0005 encrypts stored personal data and needs the data key: "
            "run `courier db upgrade` with COURIER_DATA_KEY set"
        )
    return cipher


def _table(name: str, *columns: str) -> sa.TableClause:
    return sa.table(name, sa.column("id", sa.Integer), *(sa.column(c, sa.Text) for c in columns))


def _rewrite(table: sa.TableClause, values: Callable[[sa.Row[Any]], dict[str, Any]]) -> None:
    bind = op.get_bind()
    for row in bind.execute(sa.select(table)).all():
        bind.execute(sa.update(table).where(table.c.id == row.id).values(**values(row)))


def _seal_party(cipher: Any, stored: str) -> str:
    """Turn a party with only its phone encrypted into one encrypted whole."""
    party = json.loads(stored)
    party["phone"] = cipher.decrypt(party["phone"])
    return str(cipher.encrypt(json.dumps(party, ensure_ascii=False)))


def _open_party(cipher: Any, stored: str) -> str:
    party = json.loads(cipher.decrypt(stored))
    party["phone"] = cipher.encrypt(party["phone"])
    return json.dumps(party, ensure_ascii=False)


def _convert_rows(cipher: Any, seal: bool) -> None:
    """Encrypt (seal) or decrypt the personal data of every stored row."""
    if cipher is None:
        return
    crypt: Callable[[str], str] = cipher.encrypt if seal else cipher.decrypt
    party: Convert = _seal_party if seal else _open_party

    def name_values(column: str) -> Callable[[sa.Row[Any]], dict[str, Any]]:
        return lambda row: {column: crypt(row._mapping[column])}

    for table, column, _ in NAME_COLUMNS:
        if table != "cases":  # cases also get a lookup hash, below
            _rewrite(_table(table, column), name_values(column))

    def case_values(row: sa.Row[Any]) -> dict[str, Any]:
        address = row.applicant_address
        values = {
            "applicant_name": crypt(row.applicant_name),
            "applicant_address": None if address is None else crypt(address),
        }
        if seal:
            values["applicant_name_hash"] = cipher.lookup_hash(row.applicant_name, "name")
        return values

    hash_column = ("applicant_name_hash",) if seal else ()
    _rewrite(_table("cases", "applicant_name", "applicant_address", *hash_column), case_values)
    _rewrite(
        _table("legs", "sender", "receiver"),
        lambda row: {"sender": party(cipher, row.sender), "receiver": party(cipher, row.receiver)},
    )


def _name_columns(widen: bool) -> None:
    for table, column, length in NAME_COLUMNS:
        old, new = (sa.String(length), sa.Text()) if widen else (sa.Text(), sa.String(length))
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=new, existing_type=old, existing_nullable=False)


def upgrade() -> None:
    cipher = _cipher()
    # Ciphertext outgrows the old short columns, so widen them before converting.
    _name_columns(widen=True)
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("applicant_name_hash", sa.String(64), nullable=True))
    _convert_rows(cipher, seal=True)
    with op.batch_alter_table("cases") as batch:
        batch.alter_column("applicant_name_hash", existing_type=sa.String(64), nullable=False)
        batch.create_index(NAME_HASH_INDEX, ["applicant_name_hash"], unique=False)


def downgrade() -> None:
    _convert_rows(_cipher(), seal=False)
    with op.batch_alter_table("cases") as batch:
        batch.drop_index(NAME_HASH_INDEX)
        batch.drop_column("applicant_name_hash")
    _name_columns(widen=False)
