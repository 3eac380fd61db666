package dev.roster.support;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test-only: an endpoint that fails unexpectedly, to show what a 500 looks like to a caller. */
@RestController
@io.swagger.v3.oas.annotations.Hidden
class FailingController {

    @GetMapping("/test/failure")
    String fail() {
        throw new IllegalStateException("secret internal detail at dev.roster.Something");
    }
}
