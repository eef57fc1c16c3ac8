"""Nothing of this app is in the Django admin.

Its rows are patients' clinical data; the minimum-necessary policy (accounts.access) keeps them out of
the administrator's reach. They are read and corrected on the product's own pages, through the access
policy and its audit trail (docs/security.md).
"""
