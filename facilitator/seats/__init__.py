"""Party seats: each party answers on its own phone or laptop, served from the moderator's app.

A light face: importing `facilitator.seats` loads nothing heavy (no aiohttp, no segno), so a
normal start that never opens seats does not pay for them. Import the exact module you need.
"""
