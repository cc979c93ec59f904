"""Sign-in: works, and is throttled after repeated failures."""


def test_sign_in_and_out(client, world):
    response = client.post(
        "/accounts/login/", {"username": "finance_officer", "password": "secret-password"}
    )
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert client.get("/me/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/me/").status_code == 302


def test_repeated_failures_lock_the_user_name_out(client, world, settings):
    settings.LOGIN_ATTEMPTS = 3
    for _ in range(3):
        assert (
            client.post(
                "/accounts/login/", {"username": "finance_officer", "password": "wrong"}
            ).status_code
            == 200
        )
    refused = client.post(
        "/accounts/login/", {"username": "finance_officer", "password": "secret-password"}
    )
    assert refused.status_code == 429
    assert client.get("/me/").status_code == 302  # not signed in, even with the right password
