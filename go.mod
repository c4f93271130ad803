module corsplay

go 1.26
