"""Extract the keys, update every catalogue and compile it: `python -m courier.translations`."""

from courier.translations import TRANSLATED, read, update

update()
for language in TRANSLATED:
    catalogue = read(language)
    missing = [m.id for m in catalogue if m.id and not m.string]
    print(f"{language}: {len(catalogue)} keys, {len(missing)} without a translation")
