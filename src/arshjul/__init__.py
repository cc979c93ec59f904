"""Årshjul: the planning and budget process of a Swedish region or municipality."""
