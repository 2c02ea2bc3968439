"""The bottom layer: configuration and shared text helpers that every package may import.

``core`` imports nothing from ``index``, ``rag``, ``ui`` or ``eval`` (tests/test_layers.py
enforces it), so each shared pattern has one definition that no upper layer redefines.
"""
